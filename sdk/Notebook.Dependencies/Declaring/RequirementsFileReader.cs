namespace Notebook.Dependencies;

/// <summary>
/// Reads a pip requirements file: one requirement per line, '#' comments, '\' line continuations, and
/// '-r other.txt' includes (relative to the including file). Other option lines (--index-url, -e, -c ...)
/// are NB3002: the index comes from pip's own settings, and the lock pins names only.
/// </summary>
public static class RequirementsFileReader
{
    public static IReadOnlyList<Requirement> Read(string path) => Read(path, new HashSet<string>(StringComparer.Ordinal));

    private static List<Requirement> Read(string path, HashSet<string> seen)
    {
        var full = Path.GetFullPath(path);
        var result = new List<Requirement>();
        if (!seen.Add(full)) return result;
        foreach (var (line, number) in LogicalLines(File.ReadAllText(full)))
        {
            var source = new RequirementSource(full, number);
            if (line.StartsWith('-'))
            {
                var include = Include(line);
                if (include is null) throw Messages.NB3002_RequirementOptionNotSupported.ExceptionAt(full, number, 0, line);
                result.AddRange(Read(Path.Combine(Path.GetDirectoryName(full)!, include), seen));
                continue;
            }
            result.Add(RequirementParser.Parse(line, source));
        }
        return result;
    }

    private static string? Include(string line)
    {
        foreach (var prefix in new[] { "--requirement=", "--requirement ", "-r " , "-r" })
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[prefix.Length..].Trim();
        return null;
    }

    /// <summary>Lines with comments removed and continuations joined, each with the number of its first physical line.</summary>
    internal static IEnumerable<(string Line, int Number)> LogicalLines(string text)
    {
        var physical = text.Replace("\r\n", "\n").Split('\n');
        var buffer = "";
        var start = 0;
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i];
            if (buffer.Length == 0) start = i + 1;
            if (line.EndsWith('\\'))
            {
                buffer += line[..^1] + " ";
                continue;
            }
            var joined = StripComment(buffer + line).Trim();
            buffer = "";
            if (joined.Length > 0) yield return (joined, start);
        }
        var rest = StripComment(buffer).Trim();
        if (rest.Length > 0) yield return (rest, start);
    }

    // pip: a '#' starts a comment at the start of a line or after whitespace (a URL fragment keeps its '#').
    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        return line;
    }
}
