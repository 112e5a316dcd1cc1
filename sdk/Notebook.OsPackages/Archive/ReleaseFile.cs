namespace Notebook.OsPackages;

/// <summary>A suite's Release (the signed text of InRelease): codename, architectures and the SHA256 of every index.</summary>
public sealed record ReleaseFile(string Codename, string Suite, IReadOnlyList<string> Architectures, IReadOnlyList<string> Components,
    IReadOnlyDictionary<string, (string Sha256, long Size)> Sha256)
{
    public static ReleaseFile Parse(string text)
    {
        var p = ControlFileReader.Parse(text).FirstOrDefault() ?? throw new FormatException("it has no fields");
        var sums = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        foreach (var line in (p["SHA256"] ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3) sums[parts[2]] = (parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        return new ReleaseFile(p["Codename"] ?? "", p["Suite"] ?? "",
            (p["Architectures"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            (p["Components"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), sums);
    }
}
