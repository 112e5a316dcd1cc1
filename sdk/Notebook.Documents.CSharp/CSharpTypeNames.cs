using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Notebook.Documents.CSharp;

/// <summary>C# type syntax as the keyword names the schema's <c>x-type</c> uses (<c>System.Int64?</c> is <c>long?</c>), and which literal types convert to which.</summary>
internal static class CSharpTypeNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["String"] = "string", ["Boolean"] = "bool", ["Int32"] = "int", ["Int64"] = "long", ["Double"] = "double", ["Decimal"] = "decimal",
    };

    /// <summary>The keyword form of <paramref name="type"/> (<c>T</c>, <c>T?</c>, <c>T[]</c>), or null when it is none of those shapes.</summary>
    public static string? Name(TypeSyntax type) => type switch
    {
        PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
        NullableTypeSyntax nullable => Name(nullable.ElementType) is { } inner ? inner + "?" : null,
        ArrayTypeSyntax { RankSpecifiers: [{ Rank: 1 }] } array => Name(array.ElementType) is { } item ? item + "[]" : null,
        IdentifierNameSyntax identifier => Aliases.GetValueOrDefault(identifier.Identifier.ValueText),
        QualifiedNameSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "System" } } qualified => Aliases.GetValueOrDefault(qualified.Right.Identifier.ValueText),
        AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global" } alias => Name(alias.Name),
        _ => null,
    };

    /// <summary>True when a literal of type <paramref name="literal"/> ("null" for null) may initialise a field of type <paramref name="target"/>.</summary>
    public static bool Converts(string literal, string target)
    {
        if (literal == target) return true;
        if (literal == "null") return target.EndsWith('?') || target.EndsWith("[]", StringComparison.Ordinal) || target == "string";
        if (target.EndsWith("[]", StringComparison.Ordinal))
        {
            // Arrays of value types do not convert; string[] and string?[] are the same array.
            return literal.EndsWith("[]", StringComparison.Ordinal) && literal[..^2].TrimEnd('?') == "string" && target[..^2].TrimEnd('?') == "string";
        }
        if (target.EndsWith('?')) return Converts(literal, target[..^1]);
        return (literal, target) switch
        {
            ("int", "long" or "double" or "decimal") => true,
            ("long", "double" or "decimal") => true,
            ("string?", "string") => true,
            _ => false,
        };
    }

    /// <summary>The type of an implicitly typed array's items (<c>new[] { 1, 2.5 }</c> is double[]), or null when the compiler finds none.</summary>
    public static string? BestCommonType(IReadOnlyList<string> types)
    {
        var known = types.Where(t => t != "null").Distinct().ToList();
        if (known.Count == 0) return null;
        if (known.Count == 1) return types.Contains("null") && known[0] != "string" ? null : known[0];
        if (types.Contains("null")) return null;
        foreach (var candidate in new[] { "long", "double", "decimal" })
        {
            if (known.All(t => Converts(t, candidate))) return candidate;
        }
        return null;
    }
}
