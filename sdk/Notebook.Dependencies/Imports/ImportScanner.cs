using System.Text.RegularExpressions;
using Notebook.Documents;

namespace Notebook.Dependencies;

/// <summary>One top-level import in a notebook: the top module name, the cell (0-based) and the line in the file.</summary>
public sealed record NotebookImport(string Module, int CellIndex, int Line, string Text);

/// <summary>
/// Finds the modules a notebook's code cells import at top level: unindented <c>import a, b.c as d</c> and
/// <c>from a.b import c</c>. Indented imports (in functions, <c>try:</c> blocks) are left out on purpose: they are
/// often optional (<c>try: import ujson</c>). Magics and shell lines are skipped, and so are cells whose cell magic
/// runs something other than Python (<c>%%bash</c>, <c>%%html</c>...). Relative imports are the notebook's own.
/// </summary>
public static partial class ImportScanner
{
    private static readonly HashSet<string> s_pythonCellMagics = ["%%time", "%%timeit", "%%capture", "%%prun", "%%debug"];

    public static IReadOnlyList<NotebookImport> Scan(NotebookDocument document)
    {
        var found = new List<NotebookImport>();
        foreach (var cell in document.Cells.Where(c => c.CellType == "code"))
        {
            var lines = cell.Source.Split('\n');
            var first = lines.Length > 0 ? lines[0].TrimStart() : "";
            if (first.StartsWith("%%", StringComparison.Ordinal) && !s_pythonCellMagics.Contains(first.Split(' ', 2)[0].TrimEnd())) continue;
            var inString = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                var wasInString = inString;
                if ((CountTripleQuotes(line) % 2) == 1) inString = !inString;
                if (wasInString) continue;
                foreach (var module in Modules(line))
                    found.Add(new NotebookImport(module, cell.Index, document.LineOfSource(cell.Index, i), line.Trim()));
            }
        }
        return found;
    }

    /// <summary>The top-level module names one source line imports (none for indented, relative or non-import lines).</summary>
    public static IEnumerable<string> Modules(string line)
    {
        var code = StripComment(line);
        var from = FromImport().Match(code);
        if (from.Success)
        {
            yield return from.Groups["module"].Value.Split('.')[0];
            yield break;
        }
        var import = PlainImport().Match(code);
        if (!import.Success) yield break;
        foreach (var part in import.Groups["modules"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split(' ', 2)[0].Split('.')[0];
            if (Identifier().IsMatch(name)) yield return name;
        }
    }

    private static int CountTripleQuotes(string line) => Regex.Count(line, "\"\"\"|'''");

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return hash >= 0 ? line[..hash] : line;
    }

    [GeneratedRegex(@"^from\s+(?<module>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s+import\b")]
    private static partial Regex FromImport();

    [GeneratedRegex(@"^import\s+(?<modules>[A-Za-z_][^;]*)")]
    private static partial Regex PlainImport();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
