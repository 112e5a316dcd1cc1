namespace Notebook.OsPackages;

/// <summary>One alternative of a relationship field: "name[:arch] (op version)".</summary>
public sealed record Relation(string Name, string? Operator, string? Version)
{
    public bool SatisfiedBy(string version)
    {
        if (Operator is null || Version is null) return true;
        var c = DebianVersion.Compare(version, Version);
        return Operator switch
        {
            ">=" => c >= 0,
            "<=" => c <= 0,
            ">>" => c > 0,
            "<<" => c < 0,
            "=" => c == 0,
            _ => false,
        };
    }

    public override string ToString() => Operator is null ? Name : $"{Name} ({Operator} {Version})";

    /// <summary>
    /// Parses Depends-style fields (Policy 7.1): groups separated by ',', alternatives by '|'. Architecture
    /// qualifiers (":any", ":native") are dropped (one architecture per image); "[arch]" lists and "&lt;profile&gt;"
    /// restrictions only appear in source packages.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Relation>> ParseGroups(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return [];
        var groups = new List<IReadOnlyList<Relation>>();
        foreach (var group in field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            groups.Add(group.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseOne).ToArray());
        return groups;
    }

    public static Relation ParseOne(string text)
    {
        text = text.Replace('\n', ' ').Trim();
        string? op = null, version = null;
        var paren = text.IndexOf('(');
        var name = (paren >= 0 ? text[..paren] : text).Trim();
        if (paren >= 0)
        {
            var inner = text[(paren + 1)..].TrimEnd(')', ' ').Trim();
            var k = 0;
            while (k < inner.Length && inner[k] is '<' or '>' or '=') k++;
            op = inner[..k];
            version = inner[k..].Trim();
            // Obsolete forms (Policy 7.1): '<' means '<=', '>' means '>='.
            op = op switch { "<" => "<=", ">" => ">=", _ => op };
        }
        var colon = name.IndexOf(':');
        if (colon >= 0) name = name[..colon];
        return new Relation(name, op, version);
    }
}
