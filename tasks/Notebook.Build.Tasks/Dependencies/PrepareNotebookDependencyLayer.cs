using Microsoft.Build.Framework;
using Notebook.Dependencies;
using Notebook.Diagnostics;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Installs the locked packages into a normalised site-packages folder for the image's dependency layer.</summary>
public sealed class PrepareNotebookDependencyLayer : DependencyTask
{
    public bool LockedMode { get; set; }

    [Required]
    public string CacheDirectory { get; set; } = "";

    [Output]
    public string LayerDirectory { get; private set; } = "";

    [Output]
    public string LockDigest { get; private set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var bag = new DiagnosticBag();
        var check = LockVerifier.Verify(Sources, Target, LockFile, LockedMode, bag);
        if (check.State == LockState.NoRequirements) return;
        if (check.State != LockState.UpToDate)
            throw Messages.NB3040_LayerNotLocked.ExceptionAt(LockFile, 0, 0, LockFile, check.State == LockState.Missing ? "missing" : "stale");
        var layer = new DependencyLayerPreparer(Pip, log).PrepareAsync(LockFile, CacheDirectory, CancellationToken).GetAwaiter().GetResult();
        LayerDirectory = layer.SitePackagesDirectory;
        LockDigest = layer.LockDigest;
    });
}
