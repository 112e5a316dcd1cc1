using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Notebook.Dependencies.Tests;

/// <summary>
/// Writes a valid wheel (PEP 427): the package, METADATA, WHEEL, top_level.txt and RECORD. Pure (py3-none-any) unless
/// <c>tag</c> names a platform, for example cp312-cp312-manylinux_2_17_aarch64: pip then takes it only for that platform
/// (its code is still Python, so it imports anywhere; the tag is what the tests look at).
/// </summary>
public static class WheelBuilder
{
    public static string Write(string directory, string name, string version, IEnumerable<string>? requires = null,
        string? consoleScript = null, string? importName = null, string? moduleSource = null, string tag = "py3-none-any")
    {
        importName ??= name.Replace('-', '_');
        var dist = name.Replace('-', '_');
        var distInfo = $"{dist}-{version}.dist-info";
        var files = new List<(string Path, string Text)>
        {
            ($"{importName}/__init__.py", moduleSource ?? $"VERSION = '{version}'\n\ndef main():\n    print('{name} {version}')\n"),
            ($"{distInfo}/METADATA", $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + string.Concat((requires ?? []).Select(r => $"Requires-Dist: {r}\n"))),
            ($"{distInfo}/WHEEL", $"Wheel-Version: 1.0\nGenerator: notebook-sdk-tests\nRoot-Is-Purelib: {(tag == "py3-none-any" ? "true" : "false")}\nTag: {tag}\n"),
            ($"{distInfo}/top_level.txt", importName + "\n"),
        };
        if (consoleScript is not null) files.Add(($"{distInfo}/entry_points.txt", $"[console_scripts]\n{consoleScript} = {importName}:main\n"));
        var record = new StringBuilder();
        foreach (var (path, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={hash},{bytes.Length}\n");
        }
        record.Append($"{distInfo}/RECORD,,\n");
        files.Add(($"{distInfo}/RECORD", record.ToString()));

        Directory.CreateDirectory(directory);
        var wheel = Path.Combine(directory, $"{dist}-{version}-{tag}.whl");
        using (var zip = ZipFile.Open(wheel, ZipArchiveMode.Create))
        {
            foreach (var (path, text) in files)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return wheel;
    }
}
