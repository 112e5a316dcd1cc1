using Microsoft.Build.Framework;
using Notebook.OsPackages;

namespace Notebook.Build.Tasks.OsPackages;

/// <summary>Restore: writes packages.lock when missing, stale or resolved against another base (never in locked mode).</summary>
public sealed class RestoreNotebookOsPackages : OsPackageTask
{
    [Required]
    public string BlobCacheDirectory { get; set; } = "";

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var cache = string.IsNullOrWhiteSpace(PackageCacheDirectory) ? null : PackageCacheDirectory;
        var restorer = new OsPackageRestorer(new BaseSystemLoader(null, BlobCacheDirectory), new DebianArchive(http, ArchiveKeyring.Debian, cache), new HighImportanceLog(log, Log));
        var result = restorer.RestoreAsync(Sources, Settings, LockFile, LockedMode, CancellationToken).GetAwaiter().GetResult();
        LockDigest = result.LockDigest ?? "";
    });
}

/// <summary>Build: compares packages.lock with apt.txt and the items, no network.</summary>
public sealed class CheckNotebookOsPackageLock : OsPackageTask
{
    public override bool Execute() => Guarded.Run(Log, log =>
    {
        LockDigest = OsPackageLockVerifier.Verify(Sources, Settings, LockFile, LockedMode, log).LockDigest ?? "";
    });
}
