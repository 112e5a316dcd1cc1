using System.Security.Cryptography;

namespace Notebook.OsPackages;

/// <summary>
/// .debs by SHA256 in <c>CACHE/debs/HEX.deb</c>: a package is downloaded from the lock's mirror only when missing,
/// checked against the lock before it is kept (NB3141; the bytes are dropped), and checked again when read, so a
/// cache that rotted is caught. A full cache needs no network.
/// </summary>
public sealed class DebCache(string directory, HttpClient? http)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string PathFor(LockedDebianPackage p) => Path.Combine(Directory, "debs", p.Sha256 + ".deb");

    public async Task<string> GetAsync(LockedDebianPackage package, string mirror, CancellationToken ct)
    {
        var path = PathFor(package);
        if (File.Exists(path))
        {
            var actual = await HashAsync(path, ct).ConfigureAwait(false);
            if (actual == package.Sha256) return path;
            File.Delete(path);
        }
        var url = mirror.TrimEnd('/') + "/" + package.Filename;
        if (http is null) throw Messages.NB3140_DebDownloadFailed.Exception(package.Name, package.Version, url, "it is not in the package cache and downloads are off");
        byte[] bytes;
        try
        {
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Messages.NB3140_DebDownloadFailed.Exception(package.Name, package.Version, url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) { throw Messages.NB3140_DebDownloadFailed.Exception(package.Name, package.Version, url, e.Message); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { throw Messages.NB3140_DebDownloadFailed.Exception(package.Name, package.Version, url, "timed out: " + e.Message); }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != package.Sha256) throw Messages.NB3141_DebHashMismatch.Exception(package.Name, package.Version, package.Sha256, hash);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AtomicWrite.WriteAllBytesAsync(path, bytes, cancellationToken: ct).ConfigureAwait(false);
        return path;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct).ConfigureAwait(false));
    }
}
