namespace Notebook.Images;

/// <summary>
/// A file of the project that goes into the image: its full path on disk and, when the caller names one, its path
/// under the working directory (MSBuild's Link or TargetPath); a notebook also names its parameter schema file.
/// </summary>
public sealed record ProjectFile(string FullPath, string? PathInApp = null, string? SchemaPath = null);

/// <summary>A ContainerPort: the port as written and its type (tcp when not given, or udp).</summary>
public sealed record ContainerPortOption(string Port, string? Type = null);

/// <summary>
/// The GitHub Actions environment files a publish appends to ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY); null paths are
/// skipped.
/// </summary>
public sealed record GitHubActionsFiles(string? Output, string? StepSummary)
{
    /// <summary>The files when GITHUB_ACTIONS is "true" (as the runner sets it), else null.</summary>
    public static GitHubActionsFiles? FromEnvironment(string? gitHubActions, string? output, string? stepSummary) =>
        string.Equals(gitHubActions?.Trim(), "true", StringComparison.OrdinalIgnoreCase) ? new(output, stepSummary) : null;
}

/// <summary>
/// What a notebook project's image is made of and where it goes, as a caller (the MSBuild task, the kernel installer)
/// has it: plain strings and lists, not yet checked. <see cref="NotebookImagePublisher"/> checks them
/// (<see cref="ImageInputsResolver.Resolve"/>) and reports what is wrong with NB codes. Names follow the MSBuild
/// properties and items they come from (docs/images.md).
/// </summary>
public sealed record NotebookImageOptions
{
    /// <summary>The project folder: relative paths of content files are taken from it.</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>ContainerBaseImage; null, empty or "scratch" builds from no base.</summary>
    public string? BaseImage { get; init; }

    /// <summary>NotebookBaseImageDigest: when set, the base is pulled by this digest whatever its tag points at now.</summary>
    public string? BaseImageDigest { get; init; }

    public string? Registry { get; init; }

    public required string Repository { get; init; }

    /// <summary>ContainerImageTags; when empty, tags come from <see cref="Version"/> (1.4.0 gives 1.4.0, 1.4, 1, latest).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Version { get; init; }

    /// <summary>ContainerArchiveOutputPath: a file, or a folder (trailing '/' or existing) that gets REPOSITORY.tar.</summary>
    public string? ArchiveOutputPath { get; init; }

    /// <summary>NotebookImageLayoutPath: an OCI image layout folder.</summary>
    public string? LayoutPath { get; init; }

    /// <summary>
    /// Publish into the local Docker engine. Null (the default) means: only when no registry, archive or layout is set.
    /// </summary>
    public bool? ToDockerEngine { get; init; }

    /// <summary>NotebookRunnerPath: the runner of a one-platform image; null or empty takes it from <see cref="RunnerDirectory"/>.</summary>
    public string? RunnerPath { get; init; }

    /// <summary>NotebookRunnerDirectory: holds RID/nbrun for each platform (the package's tools/ folder).</summary>
    public string? RunnerDirectory { get; init; }

    /// <summary>ContainerRuntimeIdentifiers (";"-separated): several give one image index.</summary>
    public string? RuntimeIdentifiers { get; init; }

    /// <summary>ContainerRuntimeIdentifier: one platform; wins over <see cref="RuntimeIdentifiers"/>, as in the .NET SDK.</summary>
    public string? RuntimeIdentifier { get; init; }

    public required string RunnerPathInImage { get; init; }

    /// <summary>The prepared dependency folder (site-packages), or null for an image without a dependency layer.</summary>
    public string? DependencyDirectory { get; init; }

    /// <summary>
    /// Each platform's dependency folder, resolved from that platform's lock (the NotebookDependencyLayer items); a
    /// platform listed here takes its folder, lock digest and packages from here rather than from
    /// <see cref="DependencyDirectory"/> and <see cref="LockDigest"/>.
    /// </summary>
    public IReadOnlyList<PlatformDependencies> PlatformDependencies { get; init; } = [];

    public required string DependencyPathInImage { get; init; }

    /// <summary>
    /// Layers another step prepared (<see cref="LayerPlan"/> files, the NotebookImageLayer items: the .NET runtime, the
    /// .NET Interactive kernel and its packages for C# notebooks), in order, above the dependencies and below the runner.
    /// </summary>
    public IReadOnlyList<string> LayerPlans { get; init; } = [];

    /// <summary>ContainerWorkingDirectory: absolute, not '/'.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>NotebookImageOutputDirectory: absolute, or relative to the working directory.</summary>
    public required string OutputDirectoryInImage { get; init; }

    public IReadOnlyList<ProjectFile> Notebooks { get; init; } = [];

    public IReadOnlyList<ProjectFile> ContentFiles { get; init; } = [];

    public string? User { get; init; }

    /// <summary>ContainerAppCommand; empty gives the runner.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> EntrypointArgs { get; init; } = [];

    /// <summary>ContainerDefaultArgs: the image's Cmd; empty gives none.</summary>
    public IReadOnlyList<string> DefaultArgs { get; init; } = [];

    /// <summary>ContainerEnvironmentVariable items, in order; a name of the defaults replaces it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    /// <summary>ContainerImageFormat: OCI (default) or Docker.</summary>
    public string? ImageFormat { get; init; }

    public IReadOnlyList<ContainerPortOption> Ports { get; init; } = [];

    /// <summary>ContainerLabel items: key and value; a later key wins.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>org.opencontainers.image.* keys computed from the project's metadata; empty values are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GeneratedLabels { get; init; } = [];

    /// <summary>More SDK keys from other targets (the run settings), written as annotations and labels like the parameter schemas; empty values are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>ContainerGenerateLabels and its per-key switches for the keys only a publish knows (created, base).</summary>
    public bool GenerateLabels { get; init; } = true;

    public bool GenerateCreatedLabel { get; init; } = true;

    public bool GenerateBaseNameLabel { get; init; } = true;

    public bool GenerateBaseDigestLabel { get; init; } = true;

    public string? LockDigest { get; init; }

    /// <summary>The SOURCE_DATE_EPOCH value; null or empty gives the documented default (2000-01-01).</summary>
    public string? SourceDateEpoch { get; init; }

    /// <summary>Where base blobs and built layers are cached between publishes.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>image.json (digest, tags, layers); null writes none.</summary>
    public string? ImageJsonPath { get; init; }

    /// <summary>Under GitHub Actions: step outputs and a summary table; null writes none.</summary>
    public GitHubActionsFiles? GitHubActions { get; init; }

    /// <summary>The image's SBOM (ContainerGenerateSbom, on by default in the targets); null makes none.</summary>
    public SbomOptions? Sbom { get; init; }
}
