using Microsoft.Build.Framework;
using Notebook.Dependencies;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Build: checks, with no network, that requirements.lock matches the project's requirements.</summary>
public sealed class CheckNotebookDependencyLock : DependencyTask
{
    public bool LockedMode { get; set; }

    [Output]
    public string LockDigest { get; private set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var result = LockVerifier.Verify(Sources, Target, LockFile, LockedMode, log);
        LockDigest = result.State == LockState.UpToDate ? result.LockDigest ?? "" : "";
    });
}
