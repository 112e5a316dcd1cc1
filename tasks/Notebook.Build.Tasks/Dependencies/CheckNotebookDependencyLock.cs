using Microsoft.Build.Framework;
using Notebook.Dependencies;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Build: checks, with no network, that requirements.lock (and each platform's lock) matches the project's requirements.</summary>
public sealed class CheckNotebookDependencyLock : DependencyTask
{
    public bool LockedMode { get; set; }

    [Output]
    public string LockDigest { get; private set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var result = LockVerifier.VerifyAll(Sources, Locks, LockedMode, log)[0];
        LockDigest = result.State == LockState.UpToDate ? result.LockDigest ?? "" : "";
    });
}
