using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Dependencies;
using Notebook.Diagnostics;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>
/// Installs each of the image's platform locks into a normalised site-packages folder for that platform's dependency
/// layer (linux-x64 into CacheDirectory, another RID into CacheDirectory/RID).
/// </summary>
public sealed class PrepareNotebookDependencyLayer : DependencyTask
{
    public bool LockedMode { get; set; }

    [Required]
    public string CacheDirectory { get; set; } = "";

    /// <summary>The first platform's folder (the only one of a one-platform image).</summary>
    [Output]
    public string LayerDirectory { get; private set; } = "";

    [Output]
    public string LockDigest { get; private set; } = "";

    /// <summary>One item per platform of the image: the folder, with RuntimeIdentifier, LockFile and LockDigest metadata.</summary>
    [Output]
    public ITaskItem[] Layers { get; private set; } = [];

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var layers = new List<ITaskItem>();
        foreach (var platformLock in Locks.Where(l => l.InImage))
        {
            var bag = new DiagnosticBag();
            var check = LockVerifier.Verify(Sources, platformLock.Target, platformLock.LockPath, LockedMode, bag);
            if (check.State == LockState.NoRequirements) return;
            if (check.State != LockState.UpToDate)
                throw Messages.NB3040_LayerNotLocked.ExceptionAt(platformLock.LockPath, 0, 0, platformLock.LockPath, check.State == LockState.Missing ? "missing" : "stale");
            var cache = platformLock.RuntimeIdentifier == PlatformLocks.DefaultRuntimeIdentifier ? CacheDirectory : Path.Combine(CacheDirectory, platformLock.RuntimeIdentifier);
            var layer = new DependencyLayerPreparer(Pip, log).PrepareAsync(platformLock.LockPath, cache, CancellationToken).GetAwaiter().GetResult();
            var item = new TaskItem(layer.SitePackagesDirectory);
            item.SetMetadata("RuntimeIdentifier", platformLock.RuntimeIdentifier);
            item.SetMetadata("LockFile", platformLock.LockPath);
            item.SetMetadata("LockDigest", layer.LockDigest);
            layers.Add(item);
        }
        Layers = [.. layers];
        LayerDirectory = layers[0].ItemSpec;
        LockDigest = layers[0].GetMetadata("LockDigest");
    });
}
