using System.Text.RegularExpressions;
using Notebook.Documents;

namespace Notebook.Dependencies.NuGet;

/// <summary>One <c>#r "nuget: Id, Version"</c> line: the package, its exact version, and where it is written.</summary>
public sealed record NuGetDirective(string Id, string Version, string Notebook, int Line);

/// <summary>
/// Finds the <c>#r "nuget: Id, Version"</c> lines of the code cells of .NET Interactive notebooks (C#, or any cell of a
/// polyglot notebook; the kernel reads the directive in C# and F# cells alike). Every directive needs one exact
/// version, as a lock needs: none is NB3200, a floating version or a range NB3201, an unreadable one NB3202, the same
/// package at two versions NB3203. Python notebooks are not scanned.
/// </summary>
public static partial class NuGetDirectiveScanner
{
    /// <summary>The directives of <paramref name="documents"/> (path, document), in order, one per package id (case-insensitive), and the errors.</summary>
    public static (IReadOnlyList<NuGetDirective> Directives, IReadOnlyList<Diagnostic> Diagnostics) Scan(IEnumerable<(string Path, NotebookDocument Document)> documents)
    {
        var directives = new List<NuGetDirective>();
        var diagnostics = new List<Diagnostic>();
        var byId = new Dictionary<string, NuGetDirective>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, document) in documents)
        {
            if (!UsesDotnetInteractive(document)) continue;
            foreach (var cell in document.Cells.Where(c => c.CellType == "code"))
            {
                var lines = cell.Source.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    var match = Directive().Match(lines[i]);
                    if (!match.Success) continue;
                    var line = document.LineOfSource(cell.Index, i);
                    var body = match.Groups["body"].Value;
                    var parts = body.Split(',');
                    var id = parts[0].Trim();
                    var version = parts.Length > 1 ? parts[1].Trim() : "";
                    if (parts.Length > 2 && !(version.StartsWith('[') || version.StartsWith('(')) || !PackageId().IsMatch(id))
                    {
                        diagnostics.Add(Messages.NB3202_NuGetDirectiveInvalid.Create(path, line, 0, $"'{lines[i].Trim()}' names no package id"));
                        continue;
                    }
                    if (parts.Length > 2) version = string.Join(",", parts[1..]).Trim();
                    if (version.Length == 0)
                    {
                        diagnostics.Add(Messages.NB3200_NuGetVersionMissing.Create(path, line, 0, id));
                        continue;
                    }
                    if (ExactVersion(version) is not { } exact)
                    {
                        diagnostics.Add(Messages.NB3201_NuGetVersionNotExact.Create(path, line, 0, id, version));
                        continue;
                    }
                    var directive = new NuGetDirective(id, exact, path, line);
                    if (byId.TryGetValue(id, out var first))
                    {
                        if (!string.Equals(first.Version, exact, StringComparison.OrdinalIgnoreCase))
                            diagnostics.Add(Messages.NB3203_NuGetVersionConflict.Create(path, line, 0, id, exact, first.Version, $"{first.Notebook} line {first.Line}"));
                        continue;
                    }
                    byId[id] = directive;
                    directives.Add(directive);
                }
            }
        }
        return (directives, diagnostics);
    }

    /// <summary>
    /// The <c>#r "nuget: ..."</c> packages of each code cell of <paramref name="document"/> that has any, in cell order,
    /// as the kernel reads them: the id and the version exactly as written (trimmed), the text its restore is keyed on.
    /// Lines the scan refuses are left out (the build reports them).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<(string Id, string Version)>> PackagesByCell(NotebookDocument document)
    {
        var cells = new List<IReadOnlyList<(string, string)>>();
        foreach (var cell in document.Cells.Where(c => c.CellType == "code"))
        {
            var packages = new List<(string, string)>();
            foreach (var line in cell.Source.Split('\n'))
            {
                var match = Directive().Match(line);
                if (!match.Success) continue;
                var parts = match.Groups["body"].Value.Split(',', 2);
                var id = parts[0].Trim();
                var version = parts.Length > 1 ? parts[1].Trim() : "";
                if (PackageId().IsMatch(id) && ExactVersion(version) is not null) packages.Add((id, version));
            }
            if (packages.Count > 0) cells.Add(packages);
        }
        return cells;
    }

    /// <summary>The version when <paramref name="text"/> is one exact NuGet version (<c>13.0.3</c>, <c>[13.0.3]</c>, <c>1.0.0-beta.2</c>), else null.</summary>
    public static string? ExactVersion(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']') && !t.Contains(',')) t = t[1..^1].Trim();
        return Version().IsMatch(t) ? t : null;
    }

    /// <summary>A C# notebook, or a polyglot one (a .NET Interactive kernelspec, <c>.net-*</c>, whatever its language).</summary>
    public static bool UsesDotnetInteractive(NotebookDocument document) =>
        CSharpLanguage.Is(document.Language) || document.KernelName?.StartsWith(".net-", StringComparison.OrdinalIgnoreCase) == true;

    // #r "nuget: ..." as the kernel reads it: at the start of a line, with or without a space after "nuget:".
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<body>[^"]*)"\s*$""")]
    private static partial Regex Directive();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex PackageId();

    // NuGet's version: 1 to 4 numeric parts, an optional prerelease label and build metadata; no wildcard.
    [GeneratedRegex(@"^\d+(\.\d+){0,3}(-[0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*)?(\+[0-9A-Za-z\-.]+)?$")]
    private static partial Regex Version();
}
