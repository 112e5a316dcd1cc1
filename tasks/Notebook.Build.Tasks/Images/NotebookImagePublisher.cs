using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Build.Tasks.Images;

/// <summary>What a publish produced: the image, where it went, and what a push did.</summary>
internal sealed record PublishedImage(
    NotebookImageInputs Inputs,
    AssembledImage Image,
    IReadOnlyList<string> Destinations,
    string? ArchivePath,
    string? LayoutPath,
    PushResult? Push,
    long UploadedBytes);

/// <summary>
/// Pulls the base, assembles the image, and sends it to every destination that is set (registry, docker-archive
/// tar, OCI layout), or to the local Docker engine when none is.
/// </summary>
internal sealed class NotebookImagePublisher(IDiagnosticLog log)
{
    /// <summary>Environment every image gets; ContainerEnvironmentVariable items with the same name replace these.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DefaultEnvironment(string dependencyPathInImage) =>
    [
        new("PYTHONPATH", dependencyPathInImage),
        // A numeric user with no /etc/passwd entry has no writable home: IPython and Jupyter write here.
        new("HOME", "/tmp"),
        new("IPYTHONDIR", "/tmp/.ipython"),
        new("JUPYTER_RUNTIME_DIR", "/tmp/.jupyter/runtime"),
        new("PYTHONDONTWRITEBYTECODE", "1"),
        new("PYTHONUNBUFFERED", "1"),
        // Container logs show what the notebook prints (nbrun --log-output); --no-log-output turns it off.
        new("NBRUN_LOG_OUTPUT", "1"),
    ];

    public async Task<PublishedImage> PublishAsync(NotebookImageInputs inputs, CancellationToken cancellationToken)
    {
        ImageReference.ValidateRepository(inputs.Repository);
        foreach (var tag in inputs.Tags) ImageReference.ValidateTag(tag);

        using var assembler = new ImageAssembler(log: log);
        var toEngine = string.IsNullOrEmpty(inputs.Registry) && string.IsNullOrEmpty(inputs.ArchiveOutputPath) && string.IsNullOrEmpty(inputs.LayoutPath);
        using var engine = toEngine ? new DockerEngine() : null;
        // Fail before any download when the only destination is missing.
        if (engine is not null) await DockerEngineDestination.PingAsync(engine, cancellationToken).ConfigureAwait(false);

        BaseImage? baseImage = null;
        if (!string.IsNullOrWhiteSpace(inputs.BaseImage))
        {
            var reference = PinnedBase(inputs.BaseImage, inputs.BaseImageDigest);
            baseImage = await assembler.GetClient(reference.Registry).PullImageAsync(reference, Platform.LinuxAmd64, cancellationToken).ConfigureAwait(false);
        }

        var keys = ImageLabels.Create(inputs, baseImage);
        var labels = new SortedDictionary<string, string>(keys, StringComparer.Ordinal);
        foreach (var (name, value) in inputs.Labels) labels[name] = value;
        var request = new AssembleRequest
        {
            BaseImage = baseImage?.Reference.ToString(),
            PulledBase = baseImage,
            Layers = NotebookImageLayers.Create(inputs, log),
            CacheDirectory = inputs.CacheDirectory,
            Format = inputs.Format,
            Settings = new ImageSettings
            {
                Entrypoint = inputs.Entrypoint,
                Cmd = inputs.Cmd,
                WorkingDirectory = inputs.WorkingDirectory,
                User = string.IsNullOrWhiteSpace(inputs.User) ? null : inputs.User,
                Environment = inputs.Environment,
                Labels = labels,
                ExposedPorts = inputs.ExposedPorts,
                Annotations = keys,
                Created = inputs.Created,
            },
        };
        var image = await assembler.AssembleAsync(request, cancellationToken).ConfigureAwait(false);

        var destinations = new List<string>();
        PushResult? push = null;
        long uploadedBytes = 0;
        string? archivePath = null, layoutPath = null;
        if (!string.IsNullOrEmpty(inputs.Registry))
        {
            var client = assembler.GetClient(inputs.Registry);
            var mountFrom = baseImage is not null && string.Equals(baseImage.Reference.Registry, inputs.Registry, StringComparison.OrdinalIgnoreCase)
                ? baseImage.Reference.Repository : null;
            var registry = new RegistryDestination(client, inputs.Repository, mountFrom);
            await registry.PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            push = registry.Result!;
            var uploaded = push.Uploaded.ToHashSet(StringComparer.Ordinal);
            uploadedBytes = image.Image.Blobs.DistinctBy(b => b.Digest).Where(b => uploaded.Contains(b.Digest)).Sum(b => b.Size);
            destinations.Add("registry");
        }
        if (!string.IsNullOrEmpty(inputs.ArchiveOutputPath))
        {
            archivePath = ArchivePath(inputs.ArchiveOutputPath, inputs.Repository);
            await new DockerArchiveDestination(archivePath, inputs.ImageName, inputs.Created).PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            destinations.Add("archive");
        }
        if (!string.IsNullOrEmpty(inputs.LayoutPath))
        {
            var writer = new OciLayoutWriter(inputs.LayoutPath);
            await writer.PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            layoutPath = writer.Directory;
            destinations.Add("oci-layout");
        }
        if (engine is not null)
        {
            await new DockerEngineDestination(engine, inputs.ImageName, inputs.Created).PublishAsync(image.Image, inputs.Tags, cancellationToken).ConfigureAwait(false);
            destinations.Add("docker");
        }
        return new PublishedImage(inputs, image, destinations, archivePath, layoutPath, push, uploadedBytes);
    }

    /// <summary>A folder (trailing '/' or an existing directory) gets REPOSITORY-LAST-SEGMENT.tar inside it.</summary>
    public static string ArchivePath(string path, string repository)
    {
        if (path.EndsWith('/') || path.EndsWith('\\') || Directory.Exists(path))
            return Path.GetFullPath(Path.Combine(path, repository[(repository.LastIndexOf('/') + 1)..] + ".tar"));
        return Path.GetFullPath(path);
    }

    /// <summary>
    /// The base reference to pull: ContainerBaseImage, pinned to NotebookBaseImageDigest when that is set, so a tag
    /// that moved since the lock was written does not move the image. A reference that names another digest is NB4056.
    /// </summary>
    internal static ImageReference PinnedBase(string baseImage, string? pinnedDigest)
    {
        var reference = ImageReference.Parse(baseImage);
        if (string.IsNullOrWhiteSpace(pinnedDigest))
            return reference;
        var digest = pinnedDigest.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(digest, "^sha256:[0-9a-f]{64}$"))
            throw Messages.NB4057_InvalidBaseImageDigest.Exception(digest);
        if (reference.Digest is { } named && !string.Equals(named, digest, StringComparison.Ordinal))
            throw Messages.NB4056_BaseImageDigestMismatch.Exception(baseImage, named, digest);
        return reference.WithDigest(digest);
    }
}
