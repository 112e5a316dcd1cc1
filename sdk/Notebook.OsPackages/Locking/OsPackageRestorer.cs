namespace Notebook.OsPackages;

public enum OsLockState
{
    /// <summary>No apt.txt and no DebianPackage item: no lock, no network.</summary>
    NoPackages,
    UpToDate,
    Created,
    Refreshed,
    /// <summary>The build's check found no lock (nothing was written).</summary>
    Missing,
    /// <summary>The build's check found a lock made from other inputs (nothing was written).</summary>
    Stale,
}

public sealed record OsRestoreResult(OsLockState State, string? LockPath, string? LockDigest);

/// <summary>
/// Restore for OS packages, the same rules as requirements.lock: packages.lock is written when missing, when its
/// inputs digest differs, or when the base's digest moved (a new dpkg database to resolve against); in locked mode it
/// is never written (NB3130 missing, NB3131 stale, NB3132 the base moved). The lock goes to a temp file and is renamed.
/// </summary>
public sealed class OsPackageRestorer(BaseSystemLoader bases, DebianArchive archive, IDiagnosticLog log)
{
    public async Task<OsRestoreResult> RestoreAsync(OsPackageSources sources, OsPackageSettings settings, string lockPath, bool lockedMode, CancellationToken ct)
    {
        var requests = sources.Read();
        if (requests.Count == 0) return new OsRestoreResult(OsLockState.NoPackages, null, null);
        var inputs = settings.Inputs(requests);

        var exists = File.Exists(lockPath);
        if (exists)
        {
            var bytes = await File.ReadAllBytesAsync(lockPath, ct).ConfigureAwait(false);
            var current = PackagesLock.Parse(bytes, lockPath);
            if (current.InputsDigest == inputs.Digest)
            {
                var now = await bases.ResolveDigestAsync(settings.BaseImage, settings.BaseImageDigest, settings.Platform, ct).ConfigureAwait(false);
                if (now == current.BaseImageDigest) return new OsRestoreResult(OsLockState.UpToDate, lockPath, PackagesLock.DigestOf(bytes));
                if (lockedMode)
                    throw Messages.NB3132_PackagesLockBaseChangedInLockedMode.ExceptionAt(lockPath, 0, 0, lockPath, current.BaseImageDigest, settings.BaseImage, now);
            }
            else if (lockedMode)
            {
                throw Messages.NB3131_PackagesLockStaleInLockedMode.ExceptionAt(lockPath, 0, 0, lockPath, current.InputsDigest, inputs.Digest);
            }
        }
        else if (lockedMode)
        {
            throw Messages.NB3130_PackagesLockMissingInLockedMode.ExceptionAt(lockPath, 0, 0, lockPath);
        }

        var loaded = await bases.LoadAsync(settings.BaseImage, settings.BaseImageDigest, settings.Platform, ct).ConfigureAwait(false);
        var packagesLock = await new OsPackageResolverService(archive).LockAsync(inputs, loaded.System, loaded.Digest, settings.Mirror, ct).ConfigureAwait(false);
        var content = packagesLock.ToBytes();
        await AtomicWrite.WriteAllBytesAsync(lockPath, content, cancellationToken: ct).ConfigureAwait(false);
        log.Report(Messages.NB3134_PackagesLockWritten.Create(lockPath, 0, 0, lockPath, exists ? "refreshed" : "created", packagesLock.Packages.Count,
            packagesLock.Distribution, packagesLock.Codename, $"{settings.BaseImage}@{loaded.Digest}"));
        return new OsRestoreResult(exists ? OsLockState.Refreshed : OsLockState.Created, lockPath, PackagesLock.DigestOf(content));
    }
}

/// <summary>
/// The build's check, with no network: does packages.lock match apt.txt and the DebianPackage items now?
/// Missing or stale: NB3130/NB3131 in locked mode, else an NB3135 warning suggesting 'dotnet restore'.
/// </summary>
public static class OsPackageLockVerifier
{
    public static OsRestoreResult Verify(OsPackageSources sources, OsPackageSettings settings, string lockPath, bool lockedMode, IDiagnosticLog log)
    {
        var requests = sources.Read();
        if (requests.Count == 0) return new OsRestoreResult(OsLockState.NoPackages, null, null);
        var inputs = settings.Inputs(requests);
        if (!File.Exists(lockPath))
        {
            log.Report(lockedMode
                ? Messages.NB3130_PackagesLockMissingInLockedMode.Create(lockPath, 0, 0, lockPath)
                : Messages.NB3135_PackagesLockStale.Create(lockPath, 0, 0, lockPath, "missing"));
            return new OsRestoreResult(OsLockState.Missing, null, null);
        }
        var bytes = File.ReadAllBytes(lockPath);
        var current = PackagesLock.Parse(bytes, lockPath);
        if (current.InputsDigest != inputs.Digest)
        {
            log.Report(lockedMode
                ? Messages.NB3131_PackagesLockStaleInLockedMode.Create(lockPath, 0, 0, lockPath, current.InputsDigest, inputs.Digest)
                : Messages.NB3135_PackagesLockStale.Create(lockPath, 0, 0, lockPath, "stale"));
            return new OsRestoreResult(OsLockState.Stale, lockPath, null);
        }
        if (settings.BaseImageDigest is { Length: > 0 } pinned && pinned != current.BaseImageDigest && lockedMode)
            log.Report(Messages.NB3132_PackagesLockBaseChangedInLockedMode.Create(lockPath, 0, 0, lockPath, current.BaseImageDigest, settings.BaseImage, pinned));
        return new OsRestoreResult(OsLockState.UpToDate, lockPath, PackagesLock.DigestOf(bytes));
    }
}
