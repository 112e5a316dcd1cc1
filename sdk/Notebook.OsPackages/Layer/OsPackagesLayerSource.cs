using System.Text.Json;
using Notebook.Images;

namespace Notebook.OsPackages;

/// <summary>
/// The publish side: packages.lock becomes the os-packages layer on the base it was resolved against (a base that
/// moved since is NB3147, never a layer laid over another dpkg database). The built layer is kept in the layer folder
/// under a key of the lock's bytes, the base digest and the builder version, so an unchanged publish reuses it.
/// </summary>
public sealed class OsPackagesLayerSource(string lockPath, DebCache cache, IDiagnosticLog log) : IBaseDerivedLayer
{
    /// <summary>Bumped when the layer's bytes would change for the same lock and base.</summary>
    public const int BuilderVersion = 1;

    public async Task<Layer?> BuildAsync(BaseImage? baseImage, Func<Descriptor, CancellationToken, Task<string>> fetchBaseLayer, string layerDirectory,
        DateTimeOffset created, CancellationToken ct)
    {
        if (!File.Exists(lockPath)) throw Messages.NB3145_PackagesLockNeededForLayer.Exception(lockPath, "missing");
        var bytes = await File.ReadAllBytesAsync(lockPath, ct).ConfigureAwait(false);
        var packagesLock = PackagesLock.Parse(bytes, lockPath);
        if (baseImage is null) throw Messages.NB3125_BaseNotDebian.Exception("scratch", "");
        if (baseImage.Digest != packagesLock.BaseImageDigest)
            throw Messages.NB3147_BaseMovedSinceLock.Exception(packagesLock.BaseImage, packagesLock.BaseImageDigest, baseImage.Digest);

        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{BuilderVersion}\n{PackagesLock.DigestOf(bytes)}\n{baseImage.Digest}\n{created.ToUnixTimeSeconds()}\n")));
        var record = Path.Combine(layerDirectory, $"os-packages-{key}.json");
        if (TryReuse(record) is { } reused)
        {
            log.Info($"Layer '{OsPackagesLayerBuilder.LayerName}' is {reused.Digest} (packages.lock and base unchanged: reused).");
            return reused;
        }

        var paths = new List<string>();
        foreach (var layer in baseImage.Layers) paths.Add(await fetchBaseLayer(layer, ct).ConfigureAwait(false));
        var system = await BaseSystem.ReadAsync(paths.Select(p => (Func<Stream>)(() => File.OpenRead(p))), ct).ConfigureAwait(false);
        if (!system.IsDebian) throw Messages.NB3125_BaseNotDebian.Exception(baseImage.Reference.ToString(), "");
        var built = await new OsPackagesLayerBuilder(log).BuildAsync(
            new OsPackagesLayerRequest(packagesLock, system, paths, cache, layerDirectory, created), ct).ConfigureAwait(false);
        await AtomicWrite.WriteAllBytesAsync(record, JsonSerializer.SerializeToUtf8Bytes(new Record(built.Digest, built.DiffId, built.Size, built.Blob.FilePath!)), cancellationToken: ct)
            .ConfigureAwait(false);
        return built;
    }

    private static Layer? TryReuse(string record)
    {
        if (!File.Exists(record)) return null;
        try
        {
            var r = JsonSerializer.Deserialize<Record>(File.ReadAllBytes(record));
            if (r is null || !File.Exists(r.Path) || new FileInfo(r.Path).Length != r.Size) return null;
            return new Layer(OsPackagesLayerBuilder.LayerName, Blob.FromFile(new Descriptor(MediaTypes.OciLayerGzip, r.Digest, r.Size), r.Path), r.DiffId) { Reused = true };
        }
        catch (JsonException) { return null; }
    }

    private sealed record Record(string Digest, string DiffId, long Size, string Path);
}
