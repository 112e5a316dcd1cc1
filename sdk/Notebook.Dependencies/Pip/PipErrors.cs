using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Dependencies;

/// <summary>
/// Turns a failed pip call into one NB3xxx error for the known cases (pip 23's wording), always quoting pip's
/// last error line, trimmed.
/// </summary>
public static partial class PipErrors
{
    public static NotebookSdkException Translate(string operation, PipResult result, TargetEnvironment target, string lockPath)
    {
        var output = result.Output;
        var last = LastLine(output);
        if (output.Contains("DO NOT MATCH THE HASHES", StringComparison.Ordinal))
            return Messages.NB3024_HashMismatch.Exception(lockPath, HashDetail(output) ?? last);
        if (Unreachable().Match(output) is { Success: true } down)
            return Messages.NB3022_IndexUnreachable.Exception(down.Value.Trim(), last);
        if (output.Contains("ResolutionImpossible", StringComparison.Ordinal) || output.Contains("conflicting dependencies", StringComparison.Ordinal))
            return Messages.NB3023_ResolutionImpossible.Exception(Conflict(output) ?? last);
        if (NoVersion().Match(output) is { Success: true } m)
        {
            var requirement = m.Groups["req"].Value.Trim();
            var name = NameOf().Match(requirement).Value;
            var versions = m.Groups["versions"].Value.Trim();
            var platform = target.Platform + ", cp" + target.PythonVersion.Replace(".", "");
            if (versions is "" or "none")
                return Messages.NB3021_NoDistribution.Exception(name, target.PythonVersion, platform, last);
            var newest = versions.Split(',', StringSplitOptions.TrimEntries).Last();
            return Messages.NB3020_NoMatchingVersion.Exception(name, requirement, target.PythonVersion, platform, versions, newest, last);
        }
        return Messages.NB3025_PipFailed.Exception(operation, result.ExitCode, last);
    }

    /// <summary>pip's last "ERROR:" line (else its last non-empty line), at most 300 characters.</summary>
    public static string LastLine(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var line = lines.LastOrDefault(l => l.StartsWith("ERROR:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "(no output)";
        return line.Length > 300 ? line[..297] + "..." : line;
    }

    private static string? HashDetail(string output)
    {
        var m = HashLines().Match(output);
        return m.Success ? $"{m.Groups["pkg"].Value.Trim()}: expected sha256 {m.Groups["expected"].Value}, got {m.Groups["got"].Value}" : null;
    }

    private static string? Conflict(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("The conflict is caused by", StringComparison.Ordinal) || l.Contains(" depends on ", StringComparison.Ordinal) || l.StartsWith("The user requested", StringComparison.Ordinal));
        var text = string.Join("; ", lines);
        return text.Length == 0 ? null : text.Length > 400 ? text[..397] + "..." : text;
    }

    [GeneratedRegex(@"Could not find a version that satisfies the requirement (?<req>.+?) \(from versions: (?<versions>[^)]*)\)")]
    private static partial Regex NoVersion();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*")]
    private static partial Regex NameOf();

    [GeneratedRegex(@"(Failed to establish a new connection[^')]*|Max retries exceeded[^\n]*|Could not fetch URL[^\n]*|ConnectTimeoutError[^\n]*|ReadTimeoutError[^\n]*|ProxyError[^\n]*|SSLError[^\n]*|Temporary failure in name resolution|Name or service not known|Connection refused)")]
    private static partial Regex Unreachable();

    [GeneratedRegex(@"^\s*(?<pkg>\S+==\S+) from[^\n]*\n\s*Expected sha256 (?<expected>[0-9a-f]+)\s*\n\s*Got\s+(?<got>[0-9a-f]+)", RegexOptions.Multiline)]
    private static partial Regex HashLines();
}
