namespace Notebook.Documents.CSharp;

/// <summary>
/// The lines the .NET Interactive kernel takes out of a C# submission before Roslyn sees it: magic commands
/// (<c>#!fsharp</c>, <c>#!set</c>) and the package directives <c>#r</c> and <c>#i</c> (<c>#r "nuget: ..."</c>).
/// </summary>
internal static class KernelDirectives
{
    /// <summary>True when <paramref name="line"/> is one of those lines.</summary>
    public static bool IsDirective(string line)
    {
        var t = line.TrimStart();
        return t.StartsWith("#!", StringComparison.Ordinal) || IsPackageDirective(t, "#r") || IsPackageDirective(t, "#i");
    }

    /// <summary>The source with those lines made empty, so line numbers stay those of the cell.</summary>
    public static string Blank(string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (IsDirective(lines[i])) lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
        }
        return string.Join('\n', lines);
    }

    private static bool IsPackageDirective(string t, string name) =>
        t.StartsWith(name, StringComparison.Ordinal) && t.Length > 2 && (t[2] == '"' || char.IsWhiteSpace(t[2]));
}
