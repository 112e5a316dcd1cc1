using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Publishes a notebook project's image: checks the options, pulls the base, assembles the image, sends it to every
/// destination that is set (registry, docker-archive tar, OCI layout, the local Docker engine), writes the SBOM (and
/// attaches it to a pushed image) and the reports (image.json, GitHub Actions). Knows nothing of MSBuild: the task maps properties and items to
/// <see cref="NotebookImageOptions"/> and the <see cref="PublishedImage"/> back to outputs.
/// </summary>
public sealed class NotebookImagePublisher(IDiagnosticLog log, RegistryClientOptions? registryOptions = null, IBaseDerivedLayer? baseDerivedLayer = null)
{
    /// <summary>
    /// The whole publish. Null when the options had errors, each already reported to the log (so all of them show at
    /// once); nothing was published then. Any other failure throws its NB code.
    /// </summary>
    public async Task<PublishedImage?> PublishAsync(NotebookImageOptions options, CancellationToken cancellationToken = default)
    {
        var counting = new ErrorCountingLog(log);
        var inputs = ImageInputsResolver.Resolve(options, counting);
        if (counting.Errors > 0) return null;
        return await PublishAsync(inputs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PublishedImage> PublishAsync(NotebookImageInputs inputs, CancellationToken cancellationToken = default)
    {
        using var assembler = new ImageAssembler(registryOptions, log);
        using var engine = inputs.ToDockerEngine ? new DockerEngine() : null;
        // Fail before any download when the engine is a destination and is not there.
        if (engine is not null) await DockerEngineDestination.PingAsync(engine, cancellationToken).ConfigureAwait(false);

        // One image per platform, each from the base's manifest for that platform; several make an index.
        var images = new List<AssembledImage>();
        foreach (var sources in PlatformSources.All(inputs))
        {
            var baseImage = await PullBaseAsync(assembler, inputs, sources.Platform, cancellationToken).ConfigureAwait(false);
            images.Add(await AssemblePlatformAsync(assembler, inputs, baseImage, sources, cancellationToken).ConfigureAwait(false));
        }
        var image = images[0];
        var index = inputs.IsMultiPlatform
            ? ImageIndexBuilder.Build(images.Zip(PlatformSources.All(inputs), (i, p) => new PlatformImage(p.Platform, i.Image)).ToArray(),
                IndexAnnotations(images), inputs.Format)
            : null;
        var allBlobs = index is null ? image.Image.Blobs.ToArray() : index.Blobs.ToArray();

        var destinations = new List<string>();
        PushResult? push = null;
        long uploadedBytes = 0;
        string? layoutPath = null;
        if (inputs.Registry is { } registryName)
        {
            var client = assembler.GetClient(registryName);
            var mountFrom = image.Base is { } pulled && string.Equals(pulled.Reference.Registry, registryName, StringComparison.OrdinalIgnoreCase)
                ? pulled.Reference.Repository : null;
            if (index is null)
            {
                var registry = new RegistryDestination(client, inputs.Repository, mountFrom);
                await registry.PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
                push = registry.Result!;
            }
            else
            {
                push = await client.PushIndexAsync(inputs.Repository, index, inputs.Tags, mountFrom, cancellationToken).ConfigureAwait(false);
            }
            var uploaded = push.Uploaded.ToHashSet(StringComparer.Ordinal);
            uploadedBytes = allBlobs.DistinctBy(b => b.Digest).Where(b => uploaded.Contains(b.Digest)).Sum(b => b.Size);
            destinations.Add("registry");
        }
        // The resolver refused an archive or the engine for several platforms (NB4150, NB4151).
        if (inputs.ArchiveOutputPath is { } archivePath)
        {
            await new DockerArchiveDestination(archivePath, inputs.ImageName, inputs.Created).PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            destinations.Add("archive");
        }
        if (inputs.LayoutPath is { } layout)
        {
            var writer = new OciLayoutWriter(layout);
            if (index is null) await writer.PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            else await writer.PublishAsync(index, inputs.Tags, cancellationToken).ConfigureAwait(false);
            layoutPath = writer.Directory;
            destinations.Add("oci-layout");
        }
        if (engine is not null)
        {
            await new DockerEngineDestination(engine, inputs.ImageName, inputs.Created).PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            destinations.Add("docker");
        }

        var published = new PublishedImage(inputs, image, destinations, inputs.ArchiveOutputPath, layoutPath, push, uploadedBytes)
        {
            Index = index,
            PlatformImages = images,
        };
        if (inputs.Sbom is { } sbom)
        {
            // After the image: a referrer's subject must be in the registry first.
            var registryClient = inputs.Registry is { } pushedTo ? assembler.GetClient(pushedTo) : null;
            var sboms = await SbomPublisher.PublishAllAsync(published, sbom, registryClient, log, cancellationToken).ConfigureAwait(false);
            // A one-platform image has one SBOM; an index has one per platform manifest and none of its own.
            published = published with { Sbom = index is null ? sboms[0] : null, PlatformSboms = sboms };
        }
        PublishReports.Write(published, log);
        return published;
    }

    /// <summary>
    /// The index carries the platform manifests' annotations that do not differ between platforms (version, title,
    /// source, the SDK's notebooks and parameters), so a registry UI shows them on the tag; base.digest and base.name,
    /// and the lock digest of platforms locked apart, stay on each manifest.
    /// </summary>
    private static IReadOnlyDictionary<string, string>? IndexAnnotations(IReadOnlyList<AssembledImage> images)
    {
        Dictionary<string, string>? shared = null;
        foreach (var image in images)
        {
            var manifest = System.Text.Json.Nodes.JsonNode.Parse(image.Image.Manifest.Bytes!);
            var annotations = (manifest?["annotations"] as System.Text.Json.Nodes.JsonObject)?
                .Where(a => !a.Key.StartsWith("org.opencontainers.image.base.", StringComparison.Ordinal))
                .ToDictionary(a => a.Key, a => a.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
            shared = shared is null ? annotations
                : shared.Where(a => annotations.TryGetValue(a.Key, out var v) && v == a.Value).ToDictionary(StringComparer.Ordinal);
        }
        return shared is null || shared.Count == 0 ? null : shared;
    }

    /// <summary>The base image's manifest and config for <paramref name="platform"/> (pinned by digest when the lock says so), or null for scratch.</summary>
    public static async Task<BaseImage?> PullBaseAsync(ImageAssembler assembler, NotebookImageInputs inputs, Platform platform, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(inputs.BaseImage)) return null;
        var reference = BaseImagePin.Apply(inputs.BaseImage, inputs.BaseImageDigest);
        return await assembler.GetClient(reference.Registry).PullImageAsync(reference, RuntimePlatform.ForBaseLookup(platform), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One platform's image: the base's manifest for that platform, the layers from that platform's runner and
    /// dependency folder plus the shared notebooks and content, the labels and config. The same inputs give the same
    /// manifest digest.
    /// </summary>
    public async Task<AssembledImage> AssemblePlatformAsync(ImageAssembler assembler, NotebookImageInputs inputs, BaseImage? baseImage,
        PlatformSources sources, CancellationToken cancellationToken)
    {
        var keys = ImageLabels.Create(inputs, baseImage, sources.LockDigest);
        var labels = new SortedDictionary<string, string>(keys, StringComparer.Ordinal);
        foreach (var (name, value) in inputs.Labels) labels[name] = value;
        var layers = NotebookImageLayers.Create(inputs, sources, log).ToList();
        if (baseDerivedLayer is not null)
        {
            var cache = new BlobCache(inputs.CacheDirectory);
            Task<string> Fetch(Descriptor d, CancellationToken ct) =>
                cache.GetOrDownloadAsync(assembler.GetClient(baseImage!.Reference.Registry), baseImage.Reference.Repository, d.Digest, ct);
            // Between the base and the Python dependencies (ARCHITECTURE.md section 5).
            if (await baseDerivedLayer.BuildAsync(baseImage, Fetch, Path.Combine(cache.Directory, "layers"), inputs.Created, cancellationToken).ConfigureAwait(false) is { } built)
                layers.Insert(0, new LayerSpec(built.Name, []) { Built = built });
        }
        var request = new AssembleRequest
        {
            BaseImage = baseImage?.Reference.ToString(),
            PulledBase = baseImage,
            Layers = layers,
            CacheDirectory = inputs.CacheDirectory,
            Format = inputs.Format,
            Platform = sources.Platform,
            Settings = new ImageSettings
            {
                Entrypoint = inputs.Entrypoint,
                Cmd = inputs.Cmd,
                WorkingDirectory = inputs.WorkingDirectory,
                User = inputs.User,
                Environment = inputs.Environment,
                Labels = labels,
                ExposedPorts = inputs.ExposedPorts,
                Annotations = keys,
                Created = inputs.Created,
            },
        };
        return await assembler.AssembleAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Passes everything on and counts the errors, so a caller knows whether a step reported any.</summary>
    private sealed class ErrorCountingLog(IDiagnosticLog inner) : IDiagnosticLog
    {
        public int Errors { get; private set; }

        public void Report(Diagnostic diagnostic)
        {
            if (diagnostic.Severity == Severity.Error) Errors++;
            inner.Report(diagnostic);
        }

        public void Info(string message) => inner.Info(message);
    }
}
