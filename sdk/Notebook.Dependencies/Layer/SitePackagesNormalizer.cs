using System.Security.Cryptography;
using System.Text;

namespace Notebook.Dependencies;

/// <summary>
/// Makes a pip --target folder the same on every machine:
/// <list type="bullet">
/// <item>no bytecode (<c>__pycache__</c>, <c>*.pyc</c>): it embeds source times and the build machine's paths;</item>
/// <item>no <c>INSTALLER</c>, <c>REQUESTED</c>, <c>direct_url.json</c> in <c>*.dist-info</c>: they name the installer and the
/// index URL, not the package;</item>
/// <item>console scripts in <c>bin/</c> start with <c>#!/usr/bin/env python3</c> instead of the build machine's interpreter path;</item>
/// <item>each <c>RECORD</c> is rewritten from the files as they are now: entries for removed files dropped, script entries
/// (pip writes them as <c>../../bin/NAME</c>, outside a --target folder) as <c>bin/NAME</c>, hashes and sizes recomputed,
/// lines sorted. <c>pip uninstall</c> and <c>importlib.metadata</c> keep working.</item>
/// </list>
/// </summary>
public static class SitePackagesNormalizer
{
    private static readonly string[] s_installerFiles = ["INSTALLER", "REQUESTED", "direct_url.json"];

    public static void Normalize(string sitePackages)
    {
        var root = Path.GetFullPath(sitePackages);
        foreach (var dir in Directory.GetDirectories(root, "__pycache__", SearchOption.AllDirectories))
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        foreach (var file in Directory.GetFiles(root, "*.pyc", SearchOption.AllDirectories)) File.Delete(file);

        var bin = Path.Combine(root, "bin");
        if (Directory.Exists(bin))
            foreach (var script in Directory.GetFiles(bin)) RewriteShebang(script);

        foreach (var distInfo in Directory.GetDirectories(root, "*.dist-info"))
        {
            foreach (var name in s_installerFiles)
            {
                var path = Path.Combine(distInfo, name);
                if (File.Exists(path)) File.Delete(path);
            }
            var record = Path.Combine(distInfo, "RECORD");
            if (File.Exists(record)) RewriteRecord(root, distInfo, record);
        }
    }

    private static void RewriteShebang(string script)
    {
        var bytes = File.ReadAllBytes(script);
        if (bytes.Length < 2 || bytes[0] != '#' || bytes[1] != '!') return;
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n');
        int drop;
        if (lines[0].Contains("python", StringComparison.Ordinal)) drop = 1;
        // pip's form for interpreter paths too long for a shebang: a sh line, then an exec line.
        else if (lines[0].TrimEnd() == "#!/bin/sh" && lines.Length > 1 && lines[1].StartsWith("'''exec'", StringComparison.Ordinal)) drop = 2;
        else return;
        var rewritten = "#!/usr/bin/env python3\n" + string.Join('\n', lines.Skip(drop));
        File.WriteAllBytes(script, Encoding.UTF8.GetBytes(rewritten));
    }

    private static void RewriteRecord(string root, string distInfo, string record)
    {
        var recordRelative = Relative(root, record);
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(record))
        {
            var path = FirstCsvField(line);
            if (string.IsNullOrEmpty(path)) continue;
            var full = Path.GetFullPath(Path.Combine(root, path));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                var script = Path.Combine(root, "bin", Path.GetFileName(full));
                if (path.Replace('\\', '/').Contains("/bin/", StringComparison.Ordinal) && File.Exists(script)) full = script;
                else continue;
            }
            var relative = Relative(root, full);
            if (relative == recordRelative || !File.Exists(full)) continue;
            var bytes = File.ReadAllBytes(full);
            var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            entries.Add($"{Csv(relative)},sha256={hash},{bytes.Length}");
        }
        entries.Add($"{Csv(recordRelative)},,");
        File.WriteAllText(record, string.Concat(entries.Select(e => e + "\n")));
    }

    private static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');

    private static string Csv(string field) => field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static string FirstCsvField(string line)
    {
        if (!line.StartsWith('"')) return line.Split(',')[0];
        var sb = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; continue; }
                break;
            }
            sb.Append(line[i]);
        }
        return sb.ToString();
    }
}
