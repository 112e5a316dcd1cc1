namespace Notebook.Build.Tasks.Images;

/// <summary>One file of the app layers: where it comes from and its path relative to the working directory.</summary>
internal sealed record AppFile(string SourcePath, string RelativePath);

/// <summary>A notebook in the image and its parameter schema file (null when the build made none).</summary>
internal sealed record NotebookFile(string SourcePath, string RelativePath, string? SchemaPath);

/// <summary>Everything a notebook project's image is made of, already mapped from MSBuild properties and items.</summary>
internal sealed record NotebookImageInputs
{
    public string? BaseImage { get; init; }

    /// <summary>A digest the base is pinned to (NotebookBaseImageDigest, also written into requirements.lock).</summary>
    public string? BaseImageDigest { get; init; }

    public string? Registry { get; init; }

    public required string Repository { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public string? ArchiveOutputPath { get; init; }

    public string? LayoutPath { get; init; }

    public required string RunnerPath { get; init; }

    public required string RunnerPathInImage { get; init; }

    public string? DependencyDirectory { get; init; }

    public required string DependencyPathInImage { get; init; }

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

    public Notebook.Images.ImageFormat Format { get; init; } = Notebook.Images.ImageFormat.Oci;

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

    /// <summary>The image name for docker-archive RepoTags and the engine: registry/repository, or repository alone.</summary>
    public string ImageName => string.IsNullOrEmpty(Registry) ? Repository : $"{Registry}/{Repository}";
}
