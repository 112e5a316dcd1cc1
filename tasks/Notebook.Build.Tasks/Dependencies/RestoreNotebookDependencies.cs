using Microsoft.Build.Framework;
using Notebook.Dependencies;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Restore: writes requirements.lock when missing or stale (never in locked mode), resolving with pip.</summary>
public sealed class RestoreNotebookDependencies : DependencyTask
{
    public bool LockedMode { get; set; }

    [Required]
    public string WorkDirectory { get; set; } = "";

    [Output]
    public string LockDigest { get; private set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var result = new DependencyRestorer(Pip, Loud(log))
            .RestoreAsync(Sources, Target, LockFile, LockedMode, WorkDirectory, CancellationToken).GetAwaiter().GetResult();
        LockDigest = result.LockDigest ?? "";
    });
}
