using Microsoft.Build.Framework;
using Notebook.Dependencies;
using Notebook.Documents;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Warns (NB3050) about top-level imports that neither the lock, the standard library nor the kernel provides.</summary>
public sealed class CheckNotebookImports : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = "";

    public string LockFile { get; set; } = "";

    public string PythonVersion { get; set; } = TargetEnvironment.DefaultPythonVersion;

    /// <summary>An installed dependency layer for the current lock, when there is one: its top_level.txt names count too.</summary>
    public string LayerCacheDirectory { get; set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var locked = new List<string>();
        var topLevel = new List<string>();
        if (!string.IsNullOrEmpty(LockFile) && File.Exists(LockFile))
        {
            var bytes = File.ReadAllBytes(LockFile);
            locked.AddRange(Notebook.Dependencies.LockFile.Parse(System.Text.Encoding.UTF8.GetString(bytes), LockFile).Packages.Select(p => p.Name));
            var hex = Notebook.Dependencies.LockFile.DigestOf(bytes)["sha256:".Length..];
            if (!string.IsNullOrEmpty(LayerCacheDirectory))
                topLevel.AddRange(ImportChecker.ReadTopLevel(Path.Combine(LayerCacheDirectory, hex, "site-packages")));
        }
        var checker = new ImportChecker(string.IsNullOrWhiteSpace(PythonVersion) ? TargetEnvironment.DefaultPythonVersion : PythonVersion, locked, topLevel);
        foreach (var item in Notebooks)
        {
            var path = item.GetMetadata("FullPath");
            NotebookDocument document;
            // An unreadable notebook is CheckNotebooks' error to report, not this check's.
            try { document = NotebookReader.Read(path); }
            catch (Exception ex) when (ex is Notebook.Diagnostics.NotebookSdkException or System.Text.Json.JsonException or IOException) { continue; }
            foreach (var d in checker.Check(document, path, ProjectDirectory)) log.Report(d);
        }
    });
}
