namespace Notebook.Images;

/// <summary>One file of the app layers: where it comes from and its path relative to the working directory.</summary>
public sealed record AppFile(string SourcePath, string RelativePath);

/// <summary>A notebook in the image and its parameter schema file (null when the build made none).</summary>
public sealed record NotebookFile(string SourcePath, string RelativePath, string? SchemaPath);

/// <summary>
/// Everything a notebook project's image is made of, checked and normalised from <see cref="NotebookImageOptions"/> by
/// <see cref="ImageInputsResolver"/>: absolute paths, tags chosen, environment merged, ports parsed.
/// </summary>
public sealed record NotebookImageInputs
{
    public string? BaseImage { get; init; }

    /// <summary>A digest the base is pinned to (NotebookBaseImageDigest, also written into requirements.lock).</summary>
    public string? BaseImageDigest { get; init; }

    public string? Registry { get; init; }

    public required string Repository { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The docker-archive tar to write (a full file path), or null.</summary>
    public string? ArchiveOutputPath { get; init; }

    public string? LayoutPath { get; init; }

    public bool ToDockerEngine { get; init; }

    /// <summary>The first platform's runner (the only one of a one-platform image).</summary>
    public required string RunnerPath { get; init; }

    /// <summary>
    /// What each platform is built from, in index order. One entry: a single manifest (the image of before
    /// ContainerRuntimeIdentifiers); several: an image index. Empty means linux/amd64 from <see cref="RunnerPath"/>.
    /// </summary>
    public IReadOnlyList<PlatformSources> Platforms { get; init; } = [];

    public bool IsMultiPlatform => Platforms.Count > 1;

    public required string RunnerPathInImage { get; init; }

    public string? DependencyDirectory { get; init; }

    public required string DependencyPathInImage { get; init; }

    /// <summary>The layers of <see cref="NotebookImageOptions.LayerPlans"/>, read and checked.</summary>
    public IReadOnlyList<LayerSpec> PlannedLayers { get; init; } = [];

    public required string WorkingDirectory { get; init; }

    public required string OutputDirectoryInImage { get; init; }

    public IReadOnlyList<NotebookFile> Notebooks { get; init; } = [];

    public IReadOnlyList<AppFile> ContentFiles { get; init; } = [];

    public string? User { get; init; }

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>More SDK keys from other targets (the run settings), carried like the parameter schemas.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public ImageFormat Format { get; init; } = ImageFormat.Oci;

    /// <summary>ContainerPort items as "PORT/tcp" or "PORT/udp", sorted.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public string? Version { get; init; }

    /// <summary>org.opencontainers.image.* keys from the project's metadata, already switched by ContainerGenerateLabels*.</summary>
    public IReadOnlyDictionary<string, string> GeneratedLabels { get; init; } = new Dictionary<string, string>();

    public bool GenerateCreatedLabel { get; init; } = true;

    public bool GenerateBaseNameLabel { get; init; } = true;

    public bool GenerateBaseDigestLabel { get; init; } = true;

    public string? LockDigest { get; init; }

    public DateTimeOffset Created { get; init; }

    public required string CacheDirectory { get; init; }

    public string? ImageJsonPath { get; init; }

    public GitHubActionsFiles? GitHubActions { get; init; }

    public SbomOptions? Sbom { get; init; }

    /// <summary>The image name for docker-archive RepoTags and the engine: registry/repository, or repository alone.</summary>
    public string ImageName => string.IsNullOrEmpty(Registry) ? Repository : $"{Registry}/{Repository}";
}
