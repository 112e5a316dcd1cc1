using Notebook.Diagnostics;

namespace Notebook.Dependencies;

/// <summary>The prepared site-packages folder and the digest of the lock it was installed from.</summary>
public sealed record DependencyLayer(string SitePackagesDirectory, string LockDigest, bool FromCache);

/// <summary>
/// Installs the locked packages into a folder for the image's dependency layer:
/// <c>pip install --target --no-deps --require-hashes --only-binary=:all: --no-compile</c> for the lock's platform and
/// Python, into <c>CACHE/&lt;lock sha256&gt;/site-packages</c>. An unchanged lock reuses the folder; a new one is
/// installed into a temp folder, normalised (<see cref="SitePackagesNormalizer"/>) and renamed into place when complete.
/// </summary>
public sealed class DependencyLayerPreparer(PipRunner pip, IDiagnosticLog log)
{
    public async Task<DependencyLayer> PrepareAsync(string lockPath, string cacheDirectory, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(lockPath, cancellationToken);
        var lockFile = LockFile.Parse(System.Text.Encoding.UTF8.GetString(bytes), lockPath);
        var digest = LockFile.DigestOf(bytes);
        var hex = digest["sha256:".Length..];
        var final = Path.Combine(Path.GetFullPath(cacheDirectory), hex);
        var sitePackages = Path.Combine(final, "site-packages");
        if (Directory.Exists(sitePackages))
        {
            log.Info($"Dependency layer for {digest} is up to date: {sitePackages}");
            return new DependencyLayer(sitePackages, digest, FromCache: true);
        }

        Directory.CreateDirectory(cacheDirectory);
        var temp = Path.Combine(Path.GetFullPath(cacheDirectory), hex + ".tmp-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var tempSite = Path.Combine(temp, "site-packages");
            if (lockFile.Packages.Count > 0)
            {
                await pip.EnsurePipAsync(cancellationToken);
                string[] args =
                [
                    "install", "--target", tempSite, "--no-deps", "--require-hashes", "--no-compile",
                    .. PipArguments.ForTarget(lockFile.Target),
                    "-r", Path.GetFullPath(lockPath),
                ];
                var result = await pip.RunAsync(args, cancellationToken);
                if (result.ExitCode != 0) throw PipErrors.Translate("install --target", result, lockFile.Target, lockPath);
            }
            Directory.CreateDirectory(tempSite);
            SitePackagesNormalizer.Normalize(tempSite);
            Directory.Move(temp, final);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        PruneOthers(cacheDirectory, hex);
        log.Info($"Dependency layer installed from {lockPath} ({lockFile.Packages.Count} packages): {sitePackages}");
        return new DependencyLayer(sitePackages, digest, FromCache: false);
    }

    // One layer is kept: the one for the current lock (older ones and leftovers of interrupted installs go).
    private static void PruneOthers(string cacheDirectory, string keep)
    {
        foreach (var dir in Directory.EnumerateDirectories(cacheDirectory))
        {
            var name = Path.GetFileName(dir);
            if (name != keep && name.Length >= 64 && Uri.IsHexDigit(name[0]))
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
