using System.Text.RegularExpressions;

namespace Notebook.E2E;

/// <summary>
/// The Debian mirror this machine's apt already uses (the only place the network may allow): the first
/// `deb` source of the main archive (not -security) in /etc/apt/sources.list or sources.list.d (one-line
/// and deb822 formats). NOTEBOOK_E2E_DEBIAN_MIRROR overrides it.
/// </summary>
public static partial class DebianMirror
{
    public const string OverrideVariable = "NOTEBOOK_E2E_DEBIAN_MIRROR";

    public static string Find(string aptDirectory = "/etc/apt")
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen) return chosen;
        var files = new List<string>();
        if (File.Exists(Path.Combine(aptDirectory, "sources.list"))) files.Add(Path.Combine(aptDirectory, "sources.list"));
        var parts = Path.Combine(aptDirectory, "sources.list.d");
        if (Directory.Exists(parts)) files.AddRange(Directory.GetFiles(parts).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var found = file.EndsWith(".sources", StringComparison.Ordinal) ? FromDeb822(text) : FromOneLine(text);
            if (found is not null) return found;
        }
        throw new InvalidOperationException($"No Debian mirror found in {aptDirectory}/sources.list*; set {OverrideVariable}=http://deb.debian.org/debian.");
    }

    private static string? FromOneLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var m = OneLine().Match(line);
            if (m.Success && IsMainArchive(m.Groups["uri"].Value)) return m.Groups["uri"].Value;
        }
        return null;
    }

    private static string? FromDeb822(string text)
    {
        foreach (var stanza in Regex.Split(text, @"\n\s*\n"))
        {
            var fields = stanza.Split('\n').Where(l => !l.TrimStart().StartsWith('#') && l.Contains(':'))
                .Select(l => (Name: l[..l.IndexOf(':')].Trim(), Value: l[(l.IndexOf(':') + 1)..].Trim()))
                .GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            if (!fields.TryGetValue("Types", out var types) || !types.Split(' ').Contains("deb")) continue;
            if (!fields.TryGetValue("URIs", out var uris)) continue;
            var uri = uris.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(IsMainArchive);
            if (uri is not null) return uri;
        }
        return null;
    }

    private static bool IsMainArchive(string uri) =>
        uri.StartsWith("http", StringComparison.Ordinal) && uri.TrimEnd('/').EndsWith("/debian", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*deb\s+(\[[^\]]*\]\s+)?(?<uri>\S+)\s+\S+")]
    private static partial Regex OneLine();
}
