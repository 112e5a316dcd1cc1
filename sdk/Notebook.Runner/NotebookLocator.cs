using Notebook.Diagnostics;

namespace Notebook.Runner;

/// <summary>
/// Picks the notebook to run: the path given, else <c>NBRUN_NOTEBOOK</c>, else the single <c>*.ipynb</c> in the
/// working directory (<c>/app</c> in images). Throws NB5206-NB5208.
/// </summary>
public static class NotebookLocator
{
    public const string EnvironmentVariable = "NBRUN_NOTEBOOK";

    public static string Locate(string? given, string workingDirectory, Func<string, string?> getEnvironmentVariable)
    {
        var path = given;
        if (string.IsNullOrEmpty(path))
        {
            path = getEnvironmentVariable(EnvironmentVariable);
        }

        if (!string.IsNullOrEmpty(path))
        {
            var full = Path.GetFullPath(path, workingDirectory);
            return File.Exists(full) ? full : throw Messages.NB5206_NotebookNotFound.Exception(path);
        }

        var candidates = Directory.EnumerateFiles(workingDirectory, "*.ipynb", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".ipynb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return candidates.Length switch
        {
            1 => candidates[0],
            0 => throw Messages.NB5207_NoNotebook.Exception(workingDirectory),
            _ => throw Messages.NB5208_SeveralNotebooks.Exception(
                workingDirectory, string.Join(", ", candidates.Select(Path.GetFileName)), Path.GetFileName(candidates[0])),
        };
    }

    /// <summary>The schema the build writes beside a notebook: <c>report.ipynb</c> → <c>report.parameters.json</c>.</summary>
    public static string SchemaPathFor(string notebookPath) =>
        Path.Combine(Path.GetDirectoryName(notebookPath) ?? ".", Path.GetFileNameWithoutExtension(notebookPath) + ".parameters.json");
}
