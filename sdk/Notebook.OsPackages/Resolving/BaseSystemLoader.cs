using Notebook.Images;

namespace Notebook.OsPackages;

/// <summary>The base image as packages see it: the digest its reference resolves to now, and its root's dpkg facts.</summary>
public sealed record LoadedBase(string Reference, string Digest, BaseSystem System);

/// <summary>
/// Pulls the base's manifest for the platform (pinned by digest when one is given), fetches its layers into the
/// blob cache publishing uses too, and reads them with <see cref="BaseSystem"/>. Nothing of the base is run.
/// </summary>
public sealed class BaseSystemLoader(RegistryClientOptions? registryOptions, string blobCacheDirectory)
{
    public async Task<string> ResolveDigestAsync(string baseImage, string? pinnedDigest, Platform platform, CancellationToken ct)
    {
        var reference = BaseImagePin.Apply(baseImage, pinnedDigest);
        if (reference.Digest is { } pinned) return pinned;
        using var client = new RegistryClient(reference.Registry, registryOptions ?? new RegistryClientOptions());
        return (await client.PullImageAsync(reference, RuntimePlatform.ForBaseLookup(platform), ct).ConfigureAwait(false)).Digest;
    }

    public async Task<LoadedBase> LoadAsync(string baseImage, string? pinnedDigest, Platform platform, CancellationToken ct)
    {
        var reference = BaseImagePin.Apply(baseImage, pinnedDigest);
        using var client = new RegistryClient(reference.Registry, registryOptions ?? new RegistryClientOptions());
        var pulled = await client.PullImageAsync(reference, RuntimePlatform.ForBaseLookup(platform), ct).ConfigureAwait(false);
        var cache = new BlobCache(blobCacheDirectory);
        var paths = new List<string>();
        foreach (var layer in pulled.Layers)
            paths.Add(await cache.GetOrDownloadAsync(client, reference.Repository, layer.Digest, ct).ConfigureAwait(false));
        var system = await BaseSystem.ReadAsync(paths.Select(p => (Func<Stream>)(() => File.OpenRead(p))), ct).ConfigureAwait(false);
        return new LoadedBase(baseImage, pulled.Digest, system);
    }

    /// <summary>Debian's name for the platform's architecture.</summary>
    public static string DebianArchitecture(Platform platform) => platform.Architecture switch
    {
        "amd64" => "amd64",
        "arm64" => "arm64",
        "arm" => "armhf",
        "386" => "i386",
        "ppc64le" => "ppc64el",
        "s390x" => "s390x",
        var other => other,
    };
}
