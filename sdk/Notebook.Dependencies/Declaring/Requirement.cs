using System.Text.RegularExpressions;

namespace Notebook.Dependencies;

/// <summary>Where a requirement was declared, for messages: "requirements.txt(3)", "job.nbproj (PythonPackage)".</summary>
public sealed record RequirementSource(string File, int Line = 0, string? Kind = null)
{
    public override string ToString()
    {
        var name = Path.GetFileName(File);
        return Kind is not null ? $"{name} ({Kind})" : Line > 0 ? $"{name}({Line})" : name;
    }
}

/// <summary>
/// One PEP 508 requirement: name, extras, version clauses, or a direct URL, and an environment marker.
/// <see cref="ToString"/> is its normalised form (PEP 503 name, sorted extras and clauses, no spaces),
/// the form the lock's inputs digest is taken over.
/// </summary>
public sealed record Requirement(string Name, IReadOnlyList<string> Extras, IReadOnlyList<string> Clauses, string? Url, string? Marker, RequirementSource Source)
{
    public string NormalizedName => PackageName.Normalize(Name);

    /// <summary>The version an '==' clause pins (no wildcard), or null.</summary>
    public string? PinnedVersion => Clauses.Where(c => c.StartsWith("==", StringComparison.Ordinal) && !c.StartsWith("===", StringComparison.Ordinal) && !c.EndsWith(".*", StringComparison.Ordinal))
        .Select(c => c[2..]).FirstOrDefault();

    public string Specifier => string.Join(',', Clauses);

    public override string ToString()
    {
        var text = NormalizedName;
        if (Extras.Count > 0) text += "[" + string.Join(',', Extras) + "]";
        text += Url is not null ? " @ " + Url : Specifier;
        if (Marker is not null) text += " ; " + Marker;
        return text;
    }
}

/// <summary>Reads one PEP 508 requirement string.</summary>
public static partial class RequirementParser
{
    /// <summary>Parses <paramref name="text"/>, or throws NB3001 pointing at <paramref name="source"/>.</summary>
    public static Requirement Parse(string text, RequirementSource source)
    {
        var m = Pep508().Match(text.Trim());
        if (!m.Success)
            throw Messages.NB3001_RequirementSyntax.ExceptionAt(source.File, source.Line, 0, text.Trim(), "expected a name, optional [extras], then version clauses or '@ URL', then an optional '; marker'");
        var extras = m.Groups["extras"].Success
            ? m.Groups["extras"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PackageName.Normalize).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        var url = m.Groups["url"].Success ? m.Groups["url"].Value.Trim() : null;
        var clauses = new List<string>();
        if (m.Groups["spec"].Success)
        {
            foreach (var raw in m.Groups["spec"].Value.Trim().TrimStart('(').TrimEnd(')').Split(',', StringSplitOptions.TrimEntries))
            {
                if (raw.Length == 0) continue;
                var clause = Clause().Match(raw);
                if (!clause.Success)
                    throw Messages.NB3001_RequirementSyntax.ExceptionAt(source.File, source.Line, 0, text.Trim(), $"'{raw}' is not a version clause such as '>=2.2'");
                clauses.Add(clause.Groups["op"].Value + clause.Groups["version"].Value);
            }
        }
        var marker = m.Groups["marker"].Success ? Whitespace().Replace(m.Groups["marker"].Value.Trim(), " ") : null;
        return new Requirement(m.Groups["name"].Value, extras, clauses.Distinct().Order(StringComparer.Ordinal).ToArray(), url, marker, source);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[(?<extras>[^\]]*)\])?\s*(?:@\s*(?<url>[^;\s]+)|(?<spec>\(?\s*(?:~=|===|==|!=|<=|>=|<|>)[^;]*?))?\s*(?:;\s*(?<marker>.+))?$")]
    private static partial Regex Pep508();

    [GeneratedRegex(@"^(?<op>~=|===|==|!=|<=|>=|<|>)\s*(?<version>[A-Za-z0-9._*+!-]+)$")]
    private static partial Regex Clause();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
