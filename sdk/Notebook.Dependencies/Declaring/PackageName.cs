using System.Text.RegularExpressions;

namespace Notebook.Dependencies;

/// <summary>Distribution names as PEP 503 compares them: lower case, runs of '-', '_' and '.' become one '-'.</summary>
public static partial class PackageName
{
    public static string Normalize(string name) => Separators().Replace(name.Trim(), "-").ToLowerInvariant();

    /// <summary>PEP 508 names: letters and digits, with '.', '-', '_' inside.</summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name);

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$")]
    private static partial Regex ValidName();
}
