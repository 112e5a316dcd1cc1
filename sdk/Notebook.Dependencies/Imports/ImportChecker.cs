using Notebook.Diagnostics;
using Notebook.Documents;

namespace Notebook.Dependencies;

/// <summary>
/// Warns (NB3050) about a notebook's top-level imports that nothing provides: not the standard library of the image's
/// Python, not the kernel, not a locked distribution (by name, by the import-name table, or by the top_level.txt of an
/// installed layer), and not a module of the project itself (a .py file or package beside the notebook or at the
/// project root).
/// </summary>
public sealed class ImportChecker
{
    private readonly IReadOnlySet<string> _stdlib;
    private readonly HashSet<string> _lockedNames;
    private readonly HashSet<string> _topLevel;

    public ImportChecker(string pythonVersion, IEnumerable<string> lockedDistributions, IEnumerable<string>? topLevelModules = null)
    {
        _stdlib = StdlibModules.For(pythonVersion);
        _lockedNames = new HashSet<string>(lockedDistributions.Select(PackageName.Normalize), StringComparer.Ordinal);
        _topLevel = new HashSet<string>(topLevelModules ?? [], StringComparer.Ordinal);
    }

    /// <summary>The top-level names in each <c>*.dist-info/top_level.txt</c> of an installed site-packages folder.</summary>
    public static IEnumerable<string> ReadTopLevel(string sitePackages)
    {
        if (!Directory.Exists(sitePackages)) yield break;
        foreach (var file in Directory.EnumerateFiles(sitePackages, "top_level.txt", SearchOption.AllDirectories))
            foreach (var line in File.ReadAllLines(file))
                if (line.Trim().Length > 0) yield return line.Trim().Split('/')[0];
        // A wheel without top_level.txt still shows its packages as folders and modules at the top.
        foreach (var dir in Directory.EnumerateDirectories(sitePackages))
            if (!dir.EndsWith(".dist-info", StringComparison.Ordinal)) yield return Path.GetFileName(dir);
        foreach (var file in Directory.EnumerateFiles(sitePackages, "*.py")) yield return Path.GetFileNameWithoutExtension(file);
    }

    public bool IsProvided(string module, IEnumerable<string> localFolders)
    {
        if (_stdlib.Contains(module) || ImportNames.KernelProvided.Contains(module) || _topLevel.Contains(module)) return true;
        if (_lockedNames.Contains(PackageName.Normalize(module))) return true;
        if (ImportNames.Distributions.TryGetValue(module, out var dists) && dists.Any(_lockedNames.Contains)) return true;
        return localFolders.Any(folder =>
            File.Exists(Path.Combine(folder, module + ".py")) || Directory.Exists(Path.Combine(folder, module)));
    }

    /// <summary>One NB3050 warning per unprovided module per notebook (at its first import), in file order.</summary>
    public IReadOnlyList<Diagnostic> Check(NotebookDocument document, string notebookPath, string projectDirectory)
    {
        if (!string.Equals(document.Language, "python", StringComparison.OrdinalIgnoreCase)) return [];
        string[] local = [Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, Path.GetFullPath(projectDirectory)];
        var warned = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Diagnostic>();
        foreach (var import in ImportScanner.Scan(document))
        {
            if (IsProvided(import.Module, local) || !warned.Add(import.Module)) continue;
            result.Add(Messages.NB3050_ImportNotLocked.Create(notebookPath, import.Line, 0, import.CellIndex + 1, import.Module, ImportNames.Suggest(import.Module)));
        }
        return result;
    }
}
