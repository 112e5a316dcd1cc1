using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Diagnostics;
using Notebook.Images;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Images;

/// <summary>
/// Publishes the notebook project's reproducible OCI image with <see cref="NotebookImagePublisher"/> (registry,
/// docker-archive tar, OCI layout, or the local Docker engine; image.json; GitHub Actions outputs). A thin adapter:
/// properties and items to <see cref="NotebookImageOptions"/>, the result to outputs. Output names follow
/// Microsoft.NET.Build.Containers' CreateNewImage task.
/// </summary>
public sealed class PublishNotebookImage : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public string ProjectName { get; set; } = "";
    [Required] public string ProjectDirectory { get; set; } = "";
    public string? BaseImage { get; set; }
    /// <summary>NotebookBaseImageDigest: when set, the base is pulled by this digest whatever its tag points at now.</summary>
    public string? BaseImageDigest { get; set; }
    public string? Registry { get; set; }
    [Required] public string Repository { get; set; } = "";
    /// <summary>ContainerImageTags / ContainerImageTag; when empty, tags come from <see cref="Version"/>.</summary>
    public string[] Tags { get; set; } = [];
    public string? Version { get; set; }
    public string? ArchiveOutputPath { get; set; }
    public string? LayoutPath { get; set; }
    public string? RunnerPath { get; set; }
    public string? RunnerDirectory { get; set; }
    public string? RuntimeIdentifiers { get; set; }
    public string? RuntimeIdentifier { get; set; }
    [Required] public string RunnerPathInImage { get; set; } = "";
    public string? DependencyDirectory { get; set; }
    /// <summary>NotebookDependencyLayer items: each platform's folder, with RuntimeIdentifier, LockFile and LockDigest metadata.</summary>
    public ITaskItem[] DependencyLayers { get; set; } = [];
    [Required] public string DependencyPathInImage { get; set; } = "";
    [Required] public string WorkingDirectory { get; set; } = "";
    [Required] public string OutputDirectoryInImage { get; set; } = "";
    /// <summary>Notebook items; metadata SchemaPath (the build's parameter schema) and optional Link.</summary>
    public ITaskItem[] Notebooks { get; set; } = [];
    /// <summary>Content files; metadata Link or TargetPath gives the path under the working directory.</summary>
    public ITaskItem[] ContentFiles { get; set; } = [];
    public string? User { get; set; }
    public string[] Entrypoint { get; set; } = [];
    public string[] EntrypointArgs { get; set; } = [];
    public string[] DefaultArgs { get; set; } = [];
    /// <summary>ContainerEnvironmentVariable items: Include = name, metadata Value.</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = [];
    /// <summary>ContainerImageFormat: OCI (default) or Docker.</summary>
    public string? ImageFormat { get; set; }
    /// <summary>ContainerPort items: Include = port number, metadata Type (tcp, the default, or udp).</summary>
    public ITaskItem[] Ports { get; set; } = [];
    /// <summary>ContainerLabel items: Include = key, metadata Value.</summary>
    public ITaskItem[] Labels { get; set; } = [];
    /// <summary>org.opencontainers.image.* keys the targets computed from the project's metadata: Include = key, metadata Value.</summary>
    public ITaskItem[] GeneratedLabels { get; set; } = [];
    /// <summary>More SDK keys (Include = key, metadata Value), written as annotations and labels like the parameter schemas: the run settings.</summary>
    public ITaskItem[] Annotations { get; set; } = [];
    /// <summary>ContainerGenerateLabels and its per-key switches for the keys only a publish knows (created, base).</summary>
    public bool GenerateLabels { get; set; } = true;
    public bool GenerateCreatedLabel { get; set; } = true;
    public bool GenerateBaseNameLabel { get; set; } = true;
    public bool GenerateBaseDigestLabel { get; set; } = true;
    public string? LockDigest { get; set; }
    /// <summary>The SOURCE_DATE_EPOCH value (passed from the environment by the targets); empty gives the documented default.</summary>
    public string? SourceDateEpochValue { get; set; }
    [Required] public string CacheDirectory { get; set; } = "";
    public string? ImageJsonPath { get; set; }
    public string? GitHubActions { get; set; }
    public string? GitHubOutput { get; set; }
    public string? GitHubStepSummary { get; set; }
    /// <summary>ContainerGenerateSbom: a CycloneDX SBOM at <see cref="SbomPath"/>, attached to a pushed image.</summary>
    public bool GenerateSbom { get; set; } = true;
    public string? SbomPath { get; set; }

    /// <summary>packages.lock when the project has apt.txt or DebianPackage items: the os-packages layer is made from it.</summary>
    public string? PackagesLockFile { get; set; }

    /// <summary>NotebookDebianPackageCache: .debs by SHA256.</summary>
    public string? DebianPackageCache { get; set; }
    /// <summary>requirements.lock: its packages are listed in the SBOM when the image has a dependency layer.</summary>
    public string? LockFile { get; set; }

    /// <summary>NotebookImageLayer items: layer plans (C# notebooks' runtime, kernel and packages), above the dependencies.</summary>
    public ITaskItem[] LayerPlans { get; set; } = [];

    [Output] public string? GeneratedContainerDigest { get; private set; }
    [Output] public string? GeneratedContainerManifest { get; private set; }
    [Output] public string? GeneratedContainerConfiguration { get; private set; }
    [Output] public string? GeneratedContainerConfigurationDigest { get; private set; }
    [Output] public string? GeneratedContainerMediaType { get; private set; }
    [Output] public string? GeneratedArchiveOutputPath { get; private set; }
    [Output] public string? GeneratedOciLayoutPath { get; private set; }
    [Output] public string? GeneratedBaseImageDigest { get; private set; }
    [Output] public ITaskItem[] GeneratedContainerNames { get; private set; } = [];
    [Output] public string[] GeneratedContainerTags { get; private set; } = [];
    [Output] public string? GeneratedSbomPath { get; private set; }
    [Output] public string? GeneratedSbomArtifactDigest { get; private set; }

    public void Cancel() => _cancel.Cancel();

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        WarnIfPasswordIsLogged(log);
        // The one sync wait, at the task boundary: MSBuild tasks are synchronous.
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var published = new NotebookImagePublisher(log, null, OsPackagesLayer(http, log)).PublishAsync(Options(), _cancel.Token).GetAwaiter().GetResult();
        if (published is null) return;
        MapOutputs(published);
        foreach (var line in published.Summary(ProjectName)) Log.LogMessage(MessageImportance.High, line);
    });

    private NotebookImageOptions Options() => new()
    {
        ProjectDirectory = ProjectDirectory,
        BaseImage = BaseImage,
        BaseImageDigest = BaseImageDigest,
        Registry = Registry,
        Repository = Repository,
        Tags = Tags,
        Version = Version,
        ArchiveOutputPath = ArchiveOutputPath,
        LayoutPath = LayoutPath,
        RunnerPath = RunnerPath,
        RunnerDirectory = RunnerDirectory,
        RuntimeIdentifiers = RuntimeIdentifiers,
        RuntimeIdentifier = RuntimeIdentifier,
        RunnerPathInImage = RunnerPathInImage,
        DependencyDirectory = DependencyDirectory,
        PlatformDependencies = DependencyLayers.Select(l => new PlatformDependencies(l.GetMetadata("RuntimeIdentifier"), l.ItemSpec,
            l.GetMetadata("LockDigest"), LockedPackages(l.GetMetadata("LockFile")))).ToArray(),
        DependencyPathInImage = DependencyPathInImage,
        LayerPlans = LayerPlans.Select(p => p.GetMetadata("FullPath")).ToArray(),
        WorkingDirectory = WorkingDirectory,
        OutputDirectoryInImage = OutputDirectoryInImage,
        Notebooks = Notebooks.Select(n => new ProjectFile(n.GetMetadata("FullPath"), Link(n), n.GetMetadata("SchemaPath"))).ToArray(),
        ContentFiles = ContentFiles.Select(c => new ProjectFile(c.GetMetadata("FullPath"), Link(c))).ToArray(),
        User = User,
        Entrypoint = Entrypoint,
        EntrypointArgs = EntrypointArgs,
        DefaultArgs = DefaultArgs,
        EnvironmentVariables = Pairs(EnvironmentVariables),
        ImageFormat = ImageFormat,
        Ports = Ports.Select(p => new ContainerPortOption(p.ItemSpec, p.GetMetadata("Type"))).ToArray(),
        Labels = Pairs(Labels),
        GeneratedLabels = Pairs(GeneratedLabels),
        Annotations = Pairs(Annotations),
        GenerateLabels = GenerateLabels,
        GenerateCreatedLabel = GenerateCreatedLabel,
        GenerateBaseNameLabel = GenerateBaseNameLabel,
        GenerateBaseDigestLabel = GenerateBaseDigestLabel,
        LockDigest = LockDigest,
        SourceDateEpoch = SourceDateEpochValue,
        CacheDirectory = CacheDirectory,
        ImageJsonPath = ImageJsonPath,
        GitHubActions = GitHubActionsFiles.FromEnvironment(GitHubActions, GitHubOutput, GitHubStepSummary),
        Sbom = GenerateSbom && !string.IsNullOrWhiteSpace(SbomPath) ? new SbomOptions(SbomPath, LockedPackages()) { DebianPackages = LockedDebianPackages() } : null,
    };

    private bool HasOsPackages => !string.IsNullOrWhiteSpace(PackagesLockFile);

    /// <summary>The os-packages layer's maker, or null when the project asks for no Debian package.</summary>
    private Notebook.OsPackages.OsPackagesLayerSource? OsPackagesLayer(HttpClient http, IDiagnosticLog log)
    {
        if (!HasOsPackages) return null;
        var platforms = (RuntimeIdentifiers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(RuntimeIdentifier) && platforms.Length > 1)
            throw Messages.NB3148_OsPackagesOnePlatform.Exception(string.Join(", ", platforms));
        var cache = string.IsNullOrWhiteSpace(DebianPackageCache) ? Path.Combine(CacheDirectory, "debian") : DebianPackageCache;
        return new Notebook.OsPackages.OsPackagesLayerSource(PackagesLockFile!, new Notebook.OsPackages.DebCache(cache, http), log);
    }

    private SbomDebianPackage[] LockedDebianPackages() =>
        HasOsPackages && File.Exists(PackagesLockFile)
            ? [.. Notebook.OsPackages.PackagesLock.Parse(File.ReadAllBytes(PackagesLockFile!), PackagesLockFile!).SbomPackages()]
            : [];

    /// <summary>The lock's pins, read by Notebook.Dependencies (NB3033 when it is not a lock this SDK wrote).</summary>
    private SbomPackage[] LockedPackages() => string.IsNullOrWhiteSpace(DependencyDirectory) ? [] : LockedPackages(LockFile);

    private static SbomPackage[] LockedPackages(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return [];
        var lockFile = Notebook.Dependencies.LockFile.Parse(File.ReadAllText(path), path);
        return lockFile.Packages.Select(p => new SbomPackage(p.Name, p.Version, p.Sha256)).ToArray();
    }

    /// <summary>Link, else TargetPath: where the item goes under the working directory.</summary>
    private static string? Link(ITaskItem item) =>
        string.IsNullOrWhiteSpace(item.GetMetadata("Link")) ? item.GetMetadata("TargetPath") : item.GetMetadata("Link");

    private static KeyValuePair<string, string>[] Pairs(ITaskItem[] items) =>
        items.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value"))).ToArray();

    private void MapOutputs(PublishedImage published)
    {
        var image = published.Image;
        // A multi-platform image's digest, manifest and media type are its index's; the configuration is the first platform's.
        GeneratedContainerDigest = published.Digest;
        GeneratedContainerManifest = System.Text.Encoding.UTF8.GetString((published.Index?.Index ?? image.Image.Manifest).Bytes!);
        GeneratedContainerConfiguration = System.Text.Encoding.UTF8.GetString(image.Image.Config.Bytes!);
        GeneratedContainerConfigurationDigest = image.ConfigDigest;
        GeneratedContainerMediaType = published.MediaType;
        GeneratedArchiveOutputPath = published.ArchivePath;
        GeneratedOciLayoutPath = published.LayoutPath;
        GeneratedBaseImageDigest = image.BaseDigest;
        GeneratedContainerTags = [.. published.Inputs.Tags];
        // An index has one SBOM per platform: both outputs are then lists, in index order.
        GeneratedSbomPath = published.PlatformSboms.Count == 0 ? null : string.Join(';', published.PlatformSboms.Select(s => s.Path));
        GeneratedSbomArtifactDigest = published.PlatformSboms.Any(s => s.Artifact is not null)
            ? string.Join(';', published.PlatformSboms.Select(s => s.Artifact?.Digest ?? "")) : null;
        GeneratedContainerNames = [new TaskItem(published.Reference), .. published.TaggedReferences.Select(r => (ITaskItem)new TaskItem(r))];
    }

    /// <summary>
    /// MSBuild logs every DOTNET_* environment variable at build start (binary logs, -v:diag); the SDK cannot
    /// take the value back out, so it says so while the log is being written.
    /// </summary>
    private static void WarnIfPasswordIsLogged(IDiagnosticLog log)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DockerCredentialProvider.PasswordVariable))) return;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MSBUILDBINARYLOGGERENABLED"))) return;
        log.Report(Messages.NB4055_PasswordVariableLogged.Create());
    }
}
