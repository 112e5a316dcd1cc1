using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// Finds package installs in code cells (<c>%pip install</c>, <c>!pip install</c>, <c>!python -m pip install</c>,
/// <c>%conda install</c>, <c>!{sys.executable} -m pip install</c>, and <c>pip install</c> lines in <c>%%bash</c>/<c>%%sh</c>
/// cells). Each is an NB1040 error at the line in the file: dependencies belong in requirements.txt or PythonPackage items,
/// locked at build time, never installed during a run.
/// </summary>
public static partial class RuntimeInstallDetector
{
    /// <summary>One NB1040 error per install line found, in cell order.</summary>
    public static IReadOnlyList<Diagnostic> Detect(NotebookDocument document, string? path = null)
    {
        path ??= document.Path;
        var found = new List<Diagnostic>();
        foreach (var cell in document.Cells.Where(c => c.CellType == "code"))
        {
            var lines = cell.Source.Split('\n');
            var shellCell = lines.Length > 0 && ShellCellMagic().IsMatch(lines[0]);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = MagicInstall().Match(lines[i]);
                if (!match.Success && shellCell && i > 0) match = ShellInstall().Match(lines[i]);
                if (!match.Success) continue;
                var line = document.LineOfSource(cell.Index, i);
                found.Add(Messages.NB1040_RuntimeInstall.Create(path, line, 0, cell.Index + 1, lines[i].Trim(), FirstPackage(match.Groups["args"].Value)));
            }
        }
        return found;
    }

    private static string FirstPackage(string args)
    {
        foreach (var token in args.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.StartsWith('-')) return token.Trim('"', '\'');
        }
        return "package";
    }

    private const string Installer =
        @"(?:pip3?(?:\.exe)?|conda|mamba|micromamba|uv\s+pip|(?:python3?(?:\.\d+)?|\{\s*sys\.executable\s*\}|\$\{?sys\.executable\}?|""?\{sys\.executable\}""?)\s+-m\s+pip)";

    [GeneratedRegex(@"^\s*(?:%%?|!)\s*" + Installer + @"\s+install\b(?<args>.*)$")]
    private static partial Regex MagicInstall();

    [GeneratedRegex(@"^\s*" + Installer + @"\s+install\b(?<args>.*)$")]
    private static partial Regex ShellInstall();

    [GeneratedRegex(@"^\s*%%(?:bash|sh|script\b|system)")]
    private static partial Regex ShellCellMagic();
}
