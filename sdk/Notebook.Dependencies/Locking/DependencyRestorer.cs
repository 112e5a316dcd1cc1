using Notebook.Diagnostics;

namespace Notebook.Dependencies;

public enum LockState
{
    /// <summary>The project declares no requirements: no lock, no pip call.</summary>
    NoRequirements,
    UpToDate,
    Created,
    Refreshed,
    /// <summary>The build's check found no lock (nothing was written).</summary>
    Missing,
    /// <summary>The build's check found a lock made from other inputs (nothing was written).</summary>
    Stale,
}

public sealed record RestoreResult(LockState State, string? LockPath, string? LockDigest);

/// <summary>
/// The restore step: merges what the project declares, and writes requirements.lock when it is missing or its
/// inputs digest differs, by resolving with pip. In locked mode it never writes: a missing lock is NB3030, a stale
/// one NB3031. The lock is written to a temp file and renamed, so a failure never leaves half a lock.
/// </summary>
public sealed class DependencyRestorer(PipRunner pip, IDiagnosticLog log)
{
    /// <summary>
    /// Every platform's lock (<see cref="PlatformLocks"/>), one after the other, each as <see cref="RestoreAsync"/> does
    /// it; the results in the same order, requirements.lock first.
    /// </summary>
    public async Task<IReadOnlyList<RestoreResult>> RestoreAllAsync(DependencySources sources, IReadOnlyList<PlatformLock> locks, bool lockedMode,
        string workDirectory, CancellationToken cancellationToken)
    {
        var results = new List<RestoreResult>();
        foreach (var platformLock in locks)
        {
            var work = platformLock.RuntimeIdentifier == PlatformLocks.DefaultRuntimeIdentifier ? workDirectory : Path.Combine(workDirectory, platformLock.RuntimeIdentifier);
            results.Add(await RestoreAsync(sources, platformLock.Target, platformLock.LockPath, lockedMode, work, cancellationToken));
        }
        return results;
    }

    public async Task<RestoreResult> RestoreAsync(DependencySources sources, TargetEnvironment target, string lockPath, bool lockedMode,
        string workDirectory, CancellationToken cancellationToken)
    {
        var inputs = new LockInputs(RequirementMerger.Merge(sources.Read(target)), target);
        if (inputs.IsEmpty) return new RestoreResult(LockState.NoRequirements, null, null);

        var exists = File.Exists(lockPath);
        if (exists)
        {
            var bytes = await File.ReadAllBytesAsync(lockPath, cancellationToken);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            if (LockFile.ReadInputsDigest(text) == inputs.Digest)
            {
                LockFile.Parse(text, lockPath);
                return new RestoreResult(LockState.UpToDate, lockPath, LockFile.DigestOf(bytes));
            }
            if (lockedMode)
                throw Messages.NB3031_LockStaleInLockedMode.ExceptionAt(lockPath, 0, 0, lockPath, LockFile.ReadInputsDigest(text) ?? "missing", inputs.Digest);
        }
        else if (lockedMode)
        {
            throw Messages.NB3030_LockMissingInLockedMode.ExceptionAt(lockPath, 0, 0, lockPath);
        }

        await pip.EnsurePipAsync(cancellationToken);
        var packages = await new PipResolver(pip).ResolveAsync(inputs, workDirectory, lockPath, cancellationToken);
        var lockFile = LockFile.Create(inputs, packages);
        var content = lockFile.ToBytes();
        await AtomicWrite.WriteAllBytesAsync(lockPath, content, cancellationToken: cancellationToken);
        var state = exists ? LockState.Refreshed : LockState.Created;
        log.Report(Messages.NB3034_LockRefreshed.Create(lockPath, 0, 0, lockPath, exists ? "refreshed" : "created", lockFile.Packages.Count));
        return new RestoreResult(state, lockPath, LockFile.DigestOf(content));
    }
}

/// <summary>
/// The build's check, with no network: does requirements.lock match what the project declares now?
/// Missing or stale: NB3030/NB3031 errors in locked mode, else an NB3032 warning suggesting 'dotnet restore'.
/// </summary>
public static class LockVerifier
{
    /// <summary>Every platform's lock, each as <see cref="Verify"/> checks it (each stale or missing one reported); results in the same order.</summary>
    public static IReadOnlyList<RestoreResult> VerifyAll(DependencySources sources, IReadOnlyList<PlatformLock> locks, bool lockedMode, IDiagnosticLog log) =>
        locks.Select(l => Verify(sources, l.Target, l.LockPath, lockedMode, log)).ToArray();

    public static RestoreResult Verify(DependencySources sources, TargetEnvironment target, string lockPath, bool lockedMode, IDiagnosticLog log)
    {
        var inputs = new LockInputs(RequirementMerger.Merge(sources.Read(target)), target);
        if (inputs.IsEmpty) return new RestoreResult(LockState.NoRequirements, null, null);
        if (!File.Exists(lockPath))
        {
            log.Report(lockedMode
                ? Messages.NB3030_LockMissingInLockedMode.Create(lockPath, 0, 0, lockPath)
                : Messages.NB3032_LockStale.Create(lockPath, 0, 0, lockPath, "missing"));
            return new RestoreResult(LockState.Missing, null, null);
        }
        var bytes = File.ReadAllBytes(lockPath);
        var found = LockFile.ReadInputsDigest(System.Text.Encoding.UTF8.GetString(bytes));
        if (found != inputs.Digest)
        {
            log.Report(lockedMode
                ? Messages.NB3031_LockStaleInLockedMode.Create(lockPath, 0, 0, lockPath, found ?? "missing", inputs.Digest)
                : Messages.NB3032_LockStale.Create(lockPath, 0, 0, lockPath, "stale"));
            return new RestoreResult(LockState.Stale, lockPath, LockFile.DigestOf(bytes));
        }
        return new RestoreResult(LockState.UpToDate, lockPath, LockFile.DigestOf(bytes));
    }
}
