using System.Globalization;

namespace Notebook.Dependencies;

/// <summary>
/// PEP 440 version specifiers over release numbers, what <c>requires-python</c> holds: <c>&gt;=3.10</c>,
/// <c>&gt;=3.9,&lt;3.13</c>, <c>~=3.11</c>, <c>==3.12.*</c>, <c>!=3.11.2</c>. Missing release parts count as zero,
/// as in pip, which checks <c>--python-version 3.12</c> as 3.12.0.
/// </summary>
public static class PythonVersionSpecifier
{
    /// <summary>Whether <paramref name="version"/> satisfies every clause; throws NB3062 for a clause it cannot read.</summary>
    public static bool Allows(string specifier, string version, RequirementSource source)
    {
        var candidate = Release(version) ?? throw Unreadable(specifier, $"'{version}' is not a Python version", source);
        foreach (var raw in specifier.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0) continue;
            var op = new[] { "===", "~=", "==", "!=", "<=", ">=", "<", ">" }.FirstOrDefault(o => raw.StartsWith(o, StringComparison.Ordinal))
                ?? throw Unreadable(specifier, $"'{raw}' has no operator such as '>='", source);
            var text = raw[op.Length..].Trim();
            if (op == "===") { if (text != version) return false; continue; }
            var wildcard = text.EndsWith(".*", StringComparison.Ordinal) && op is "==" or "!=";
            var bound = Release(wildcard ? text[..^2] : text) ?? throw Unreadable(specifier, $"'{text}' is not a release number such as 3.10", source);
            var ok = op switch
            {
                "==" => wildcard ? Prefix(candidate, bound) : Compare(candidate, bound) == 0,
                "!=" => wildcard ? !Prefix(candidate, bound) : Compare(candidate, bound) != 0,
                "<=" => Compare(candidate, bound) <= 0,
                ">=" => Compare(candidate, bound) >= 0,
                "<" => Compare(candidate, bound) < 0,
                ">" => Compare(candidate, bound) > 0,
                // ~=3.11 is >=3.11 and ==3.*; a single number has no compatible release (PEP 440).
                _ => bound.Length >= 2 ? Compare(candidate, bound) >= 0 && Prefix(candidate, bound[..^1])
                    : throw Unreadable(specifier, $"'~={text}' needs at least two release numbers, for example ~=3.11", source),
            };
            if (!ok) return false;
        }
        return true;
    }

    private static int[]? Release(string text)
    {
        var parts = text.Split('.');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return null;
        return numbers;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var c = (i < a.Length ? a[i] : 0).CompareTo(i < b.Length ? b[i] : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    private static bool Prefix(int[] candidate, int[] prefix) =>
        prefix.Select((p, i) => (i < candidate.Length ? candidate[i] : 0) == p).All(x => x);

    private static NotebookSdkException Unreadable(string specifier, string why, RequirementSource source) =>
        Messages.NB3062_RequiresPythonSyntax.ExceptionAt(source.File, source.Line, 0, specifier, why);
}
