using Microsoft.Build.Framework;
using Notebook.Dependencies;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Restore: writes requirements.lock (and requirements.RID.lock per other platform) when missing or stale (never in locked mode), resolving with pip.</summary>
public sealed class RestoreNotebookDependencies : DependencyTask
{
    public bool LockedMode { get; set; }

    [Required]
    public string WorkDirectory { get; set; } = "";

    [Output]
    public string LockDigest { get; private set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var results = new DependencyRestorer(Pip, Loud(log))
            .RestoreAllAsync(Sources, Locks, LockedMode, WorkDirectory, CancellationToken).GetAwaiter().GetResult();
        LockDigest = results[0].LockDigest ?? "";
    });
}
