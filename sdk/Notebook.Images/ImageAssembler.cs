using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>One layer to build: a name (shown in history) and its entries, or one already built elsewhere (<see cref="Built"/>).</summary>
public sealed record LayerSpec(string Name, IReadOnlyList<LayerEntry> Entries)
{
    /// <summary>A layer made by another reproducible writer (the OS-packages layer); used as it is.</summary>
    public Layer? Built { get; init; }

    /// <summary>The NuGet packages whose files the layer holds, for the SBOM (a planned layer's, <see cref="LayerPlan"/>).</summary>
    public IReadOnlyList<SbomNuGetPackage> NuGetPackages { get; init; } = [];
}

/// <summary>
/// A layer made from what the base image holds (the OS-packages layer reads the base's dpkg database and libraries).
/// It goes right above the base. <paramref name="fetchBaseLayer"/> gives a base layer's file in the blob cache.
/// </summary>
public interface IBaseDerivedLayer
{
    Task<Layer?> BuildAsync(BaseImage? baseImage, Func<Descriptor, CancellationToken, Task<string>> fetchBaseLayer, string layerDirectory,
        DateTimeOffset created, CancellationToken cancellationToken);
}

/// <summary>Everything that defines an image; the same request gives the same manifest digest.</summary>
public sealed record AssembleRequest
{
    /// <summary>The base image reference (tag or digest); null builds from scratch.</summary>
    public string? BaseImage { get; init; }

    /// <summary>
    /// The base already pulled with <see cref="RegistryClient.PullImageAsync"/> (to learn its digest before
    /// building labels); used instead of pulling <see cref="BaseImage"/> again.
    /// </summary>
    public BaseImage? PulledBase { get; init; }

    public IReadOnlyList<LayerSpec> Layers { get; init; } = [];

    public ImageSettings Settings { get; init; } = new();

    /// <summary>OCI (the default) or Docker manifest v2 schema 2 media types.</summary>
    public ImageFormat Format { get; init; } = ImageFormat.Oci;

    public Platform Platform { get; init; } = Platform.LinuxAmd64;

    /// <summary>Where pulled base blobs are cached by digest (shared between builds) and new layers are written.</summary>
    public required string CacheDirectory { get; init; }
}

/// <summary>The result of assembling: the image (ready for any destination) and the digests callers report.</summary>
public sealed record AssembledImage(BuiltImage Image, BaseImage? Base, IReadOnlyList<Layer> NewLayers)
{
    public string ManifestDigest => Image.ManifestDigest;

    public string ConfigDigest => Image.ConfigDigest;

    public IReadOnlyList<string> LayerDigests => Image.Layers.Select(l => l.Digest).ToArray();

    /// <summary>The digest the base reference resolved to (pin it in the lock), or null for scratch.</summary>
    public string? BaseDigest => Base?.Digest;
}

/// <summary>
/// Composes an image: pull the base's manifest and config, build each new layer reproducibly, write the
/// config and the OCI manifest (with org.opencontainers.image.created/base.name/base.digest annotations unless
/// given). Base layers are fetched into the cache only when a destination reads them, so keep the assembler
/// alive (undisposed) until the image is published.
/// </summary>
public sealed class ImageAssembler(RegistryClientOptions? registryOptions = null, IDiagnosticLog? log = null) : IDisposable
{
    private readonly Dictionary<string, RegistryClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The client for a registry, shared by pulls and (when the caller wants) the push.</summary>
    public RegistryClient GetClient(string registry)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(registry, out var client))
            {
                var options = registryOptions ?? new RegistryClientOptions();
                _clients[registry] = client = new RegistryClient(registry, options.Log is null ? options with { Log = log } : options);
            }
            return client;
        }
    }

    public async Task<AssembledImage> AssembleAsync(AssembleRequest request, CancellationToken cancellationToken = default)
    {
        var cache = new BlobCache(request.CacheDirectory);
        BaseImage? baseImage = null;
        var layers = new List<Blob>();
        if (request.BaseImage is { } baseText)
        {
            var reference = ImageReference.Parse(baseText);
            var client = GetClient(reference.Registry);
            baseImage = request.PulledBase is { } pulled && pulled.Reference == reference
                ? pulled
                : await client.PullImageAsync(reference, RuntimePlatform.ForBaseLookup(request.Platform), cancellationToken).ConfigureAwait(false);
            log?.Info($"Base image {reference} is {baseImage.Digest}.");
            foreach (var descriptor in baseImage.Layers)
            {
                var digest = descriptor.Digest;
                layers.Add(Blob.FromSource(descriptor, async ct =>
                {
                    var path = await cache.GetOrDownloadAsync(client, reference.Repository, digest, ct).ConfigureAwait(false);
                    return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                }));
            }
        }

        var built = new List<Layer>();
        var layerDirectory = Path.Combine(cache.Directory, "layers");
        foreach (var spec in request.Layers)
        {
            var layer = spec.Built ?? await new LayerBuilder(request.Settings.Created).AddRange(spec.Entries)
                .BuildAsync(spec.Name, layerDirectory, cancellationToken).ConfigureAwait(false);
            log?.Info(layer.Reused ? $"Layer '{spec.Name}' is {layer.Digest} (unchanged inputs: reused)." : $"Layer '{spec.Name}' is {layer.Digest}.");
            built.Add(layer);
            layers.Add(layer.Blob);
        }

        var config = ImageConfigBuilder.Build(baseImage?.Config, built, request.Settings, request.Platform);
        var annotations = new Dictionary<string, string>(request.Settings.Annotations);
        annotations.TryAdd("org.opencontainers.image.created", SourceDateEpoch.ToRfc3339(request.Settings.Created));
        if (baseImage is not null)
        {
            annotations.TryAdd("org.opencontainers.image.base.name", baseImage.Reference.ToString());
            annotations.TryAdd("org.opencontainers.image.base.digest", baseImage.Digest);
        }
        var image = ImageManifestBuilder.Build(config, layers, annotations, request.Format);
        return new AssembledImage(image, baseImage, built);
    }

    public void Dispose()
    {
        lock (_clients)
        {
            foreach (var client in _clients.Values) client.Dispose();
            _clients.Clear();
        }
    }
}
