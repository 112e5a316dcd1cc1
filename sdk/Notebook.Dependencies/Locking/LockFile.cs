using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.Dependencies;

/// <summary>One pinned distribution: PEP 503 name, exact version, and the sha256 of each file pip may take.</summary>
public sealed record LockedPackage(string Name, string Version, IReadOnlyList<string> Sha256);

/// <summary>
/// requirements.lock: a pip requirements file (<c>pip install --require-hashes -r</c>) whose '#' header names
/// its inputs. Written byte for byte the same from the same inputs: sorted, '\n' endings, no timestamps.
/// </summary>
public sealed partial record LockFile(string InputsDigest, TargetEnvironment Target, IReadOnlyList<string> Requirements, IReadOnlyList<LockedPackage> Packages)
{
    public const string FileName = "requirements.lock";

    public static LockFile Create(LockInputs inputs, IEnumerable<LockedPackage> packages) => new(
        inputs.Digest,
        inputs.Target,
        inputs.Requirements.Select(r => r.ToString()).ToArray(),
        packages.Select(p => p with { Name = PackageName.Normalize(p.Name), Sha256 = p.Sha256.Distinct().Order(StringComparer.Ordinal).ToArray() })
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToArray());

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("# requirements.lock: written by Notebook.Sdk (`dotnet restore`); commit it, do not edit it.\n");
        sb.Append("# Install with: pip install --no-deps --require-hashes -r requirements.lock\n");
        sb.Append("# inputs-digest: ").Append(InputsDigest).Append('\n');
        sb.Append("# python-version: ").Append(Target.PythonVersion).Append('\n');
        sb.Append("# platform: ").Append(Target.Platform).Append('\n');
        if (!string.IsNullOrEmpty(Target.BaseImage)) sb.Append("# base-image: ").Append(Target.BaseImage).Append('\n');
        if (!string.IsNullOrEmpty(Target.BaseImageDigest)) sb.Append("# base-image-digest: ").Append(Target.BaseImageDigest).Append('\n');
        foreach (var r in Requirements) sb.Append("# requirement: ").Append(r).Append('\n');
        foreach (var p in Packages)
        {
            sb.Append(p.Name).Append("==").Append(p.Version);
            foreach (var h in p.Sha256) sb.Append(" \\\n    --hash=sha256:").Append(h);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToText());

    /// <summary>sha256 of the file's bytes: names the dependency layer and goes in the image's annotations.</summary>
    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Reads a lock this SDK wrote; anything else is NB3033 pointing at <paramref name="path"/>.</summary>
    public static LockFile Parse(string text, string path)
    {
        string? digest = null, python = null, platform = null, image = null, imageDigest = null;
        var requirements = new List<string>();
        var packages = new List<LockedPackage>();
        var physical = text.Replace("\r\n", "\n").Split('\n');
        foreach (var line in physical.Where(l => l.StartsWith('#')))
        {
            var m = HeaderLine().Match(line[1..]);
            if (!m.Success) continue;
            var value = m.Groups["value"].Value.Trim();
            switch (m.Groups["key"].Value)
            {
                case "inputs-digest": digest = value; break;
                case "python-version": python = value; break;
                case "platform": platform = value; break;
                case "base-image": image = value; break;
                case "base-image-digest": imageDigest = value; break;
                case "requirement": requirements.Add(value); break;
            }
        }
        // Header lines become empty lines so that line numbers in messages stay right.
        var body = string.Join('\n', physical.Select(l => l.StartsWith('#') ? "" : l));
        foreach (var (line, number) in RequirementsFileReader.LogicalLines(body))
        {
            var pin = PinLine().Match(line);
            if (!pin.Success) throw Messages.NB3033_LockUnreadable.ExceptionAt(path, number, 0, path, $"line {number} is not 'name==version --hash=sha256:...'");
            packages.Add(new LockedPackage(pin.Groups["name"].Value, pin.Groups["version"].Value,
                pin.Groups["hash"].Captures.Select(c => c.Value).ToArray()));
        }
        if (digest is null || python is null || platform is null)
            throw Messages.NB3033_LockUnreadable.ExceptionAt(path, 1, 0, path, "its header has no inputs-digest, python-version or platform line");
        return new LockFile(digest, new TargetEnvironment(python, platform, image, imageDigest), requirements, packages);
    }

    /// <summary>Only the digest line, for the no-network check in a build.</summary>
    public static string? ReadInputsDigest(string text)
    {
        var m = DigestLine().Match(text);
        return m.Success ? m.Groups["digest"].Value : null;
    }

    [GeneratedRegex(@"^\s*(?<key>[a-z-]+):\s*(?<value>.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(?<name>[a-z0-9][a-z0-9-]*)==(?<version>\S+)(?:\s+--hash=sha256:(?<hash>[0-9a-f]{64}))+$")]
    private static partial Regex PinLine();

    [GeneratedRegex(@"^# inputs-digest: (?<digest>sha256:[0-9a-f]{64})\s*$", RegexOptions.Multiline)]
    private static partial Regex DigestLine();
}
