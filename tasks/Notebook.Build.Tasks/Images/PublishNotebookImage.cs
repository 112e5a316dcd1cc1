using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Diagnostics;
using Notebook.Images;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Images;

/// <summary>
/// Assembles the notebook project's reproducible OCI image and publishes it (registry, docker-archive tar, OCI
/// layout, or the local Docker engine); writes image.json and, under GitHub Actions, step outputs.
/// Output names follow Microsoft.NET.Build.Containers' CreateNewImage task.
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
    [Required] public string RunnerPath { get; set; } = "";
    [Required] public string RunnerPathInImage { get; set; } = "";
    public string? DependencyDirectory { get; set; }
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

    public void Cancel() => _cancel.Cancel();

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        WarnIfPasswordIsLogged(log);
        var inputs = MapInputs(log);
        if (Log.HasLoggedErrors) return;
        // The one sync wait, at the task boundary: MSBuild tasks are synchronous.
        var published = new NotebookImagePublisher(log).PublishAsync(inputs, _cancel.Token).GetAwaiter().GetResult();
        MapOutputs(published);
        Report(published, log);
    });

    private NotebookImageInputs MapInputs(IDiagnosticLog log)
    {
        var workingDirectory = WorkingDirectory.Trim();
        if (!workingDirectory.StartsWith('/') || workingDirectory.TrimEnd('/').Length == 0)
            throw Messages.NB4053_InvalidWorkingDirectory.Exception(WorkingDirectory);
        workingDirectory = workingDirectory.TrimEnd('/');
        var output = OutputDirectoryInImage.Trim();
        if (!output.StartsWith('/')) output = workingDirectory + "/" + output;

        var tags = Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (tags.Length == 0) tags = [.. ImageTags.FromVersion(string.IsNullOrWhiteSpace(Version) ? "latest" : Version)];

        var environment = NotebookImagePublisher.DefaultEnvironment(DependencyPathInImage).ToList();
        foreach (var item in EnvironmentVariables)
        {
            var value = item.GetMetadata("Value");
            var index = environment.FindIndex(e => e.Key == item.ItemSpec);
            if (index >= 0) environment[index] = new(item.ItemSpec, value);
            else environment.Add(new(item.ItemSpec, value));
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Labels)
        {
            if (string.IsNullOrWhiteSpace(item.ItemSpec))
                log.Report(Messages.NB4052_InvalidContainerItem.Create("ContainerLabel", item.ItemSpec, "the key is empty"));
            else labels[item.ItemSpec] = item.GetMetadata("Value");
        }

        var ports = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in Ports)
        {
            var type = Empty(item.GetMetadata("Type"))?.ToLowerInvariant() ?? "tcp";
            if (!int.TryParse(item.ItemSpec.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                log.Report(Messages.NB4070_InvalidContainerPort.Create(item.ItemSpec, type, "the port is not a number from 1 to 65535"));
            else if (type is not ("tcp" or "udp"))
                log.Report(Messages.NB4070_InvalidContainerPort.Create(item.ItemSpec, type, "the Type is neither tcp nor udp"));
            else ports.Add($"{port}/{type}");
        }

        var format = Empty(ImageFormat)?.ToLowerInvariant() switch
        {
            null or "oci" => Notebook.Images.ImageFormat.Oci,
            "docker" => Notebook.Images.ImageFormat.Docker,
            _ => throw Messages.NB4071_InvalidImageFormat.Exception(ImageFormat),
        };

        return new NotebookImageInputs
        {
            Format = format,
            ExposedPorts = [.. ports],
            // 'scratch' (as in a Dockerfile's FROM scratch) builds from no base at all.
            BaseImage = string.Equals(Empty(BaseImage), "scratch", StringComparison.OrdinalIgnoreCase) ? null : Empty(BaseImage),
            BaseImageDigest = Empty(BaseImageDigest),
            Registry = Empty(Registry),
            Repository = Repository.Trim(),
            Tags = tags,
            Version = Empty(Version),
            ArchiveOutputPath = Empty(ArchiveOutputPath),
            LayoutPath = Empty(LayoutPath),
            RunnerPath = Path.GetFullPath(RunnerPath),
            RunnerPathInImage = RunnerPathInImage,
            DependencyDirectory = Empty(DependencyDirectory) is { } deps ? Path.GetFullPath(deps) : null,
            DependencyPathInImage = DependencyPathInImage,
            WorkingDirectory = workingDirectory,
            OutputDirectoryInImage = output,
            Notebooks = Notebooks.Select(n => new NotebookFile(n.GetMetadata("FullPath"), PathInApp(n, log),
                Empty(n.GetMetadata("SchemaPath")) is { } s ? Path.GetFullPath(s, ProjectDirectory) : null)).ToArray(),
            ContentFiles = ContentFiles.Select(c => new AppFile(c.GetMetadata("FullPath"), PathInApp(c, log))).ToArray(),
            User = Empty(User),
            Entrypoint = [.. (Entrypoint.Length > 0 ? Entrypoint : [RunnerPathInImage]), .. EntrypointArgs],
            Cmd = DefaultArgs.Length > 0 ? DefaultArgs : null,
            Environment = environment,
            Labels = labels,
            Annotations = Annotations.Where(a => Empty(a.GetMetadata("Value")) is not null).ToDictionary(a => a.ItemSpec, a => a.GetMetadata("Value"), StringComparer.Ordinal),
            GeneratedLabels = GenerateLabels
                ? GeneratedLabels.Where(l => Empty(l.GetMetadata("Value")) is not null).GroupBy(l => l.ItemSpec, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Value").Trim(), StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            GenerateCreatedLabel = GenerateLabels && GenerateCreatedLabel,
            GenerateBaseNameLabel = GenerateLabels && GenerateBaseNameLabel,
            GenerateBaseDigestLabel = GenerateLabels && GenerateBaseDigestLabel,
            LockDigest = Empty(LockDigest),
            Created = SourceDateEpoch.Parse(Empty(SourceDateEpochValue)),
            CacheDirectory = Path.GetFullPath(CacheDirectory),
        };
    }

    /// <summary>Link, else TargetPath, else the path relative to the project folder; '/'-separated.</summary>
    private string PathInApp(ITaskItem item, IDiagnosticLog log)
    {
        var explicitPath = Empty(item.GetMetadata("Link")) ?? Empty(item.GetMetadata("TargetPath"));
        if (explicitPath is not null) return explicitPath.Replace('\\', '/').TrimStart('/');
        var full = item.GetMetadata("FullPath");
        var relative = Path.GetRelativePath(ProjectDirectory, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            log.Report(Messages.NB4051_ContentOutsideProject.Create(full));
            return Path.GetFileName(full);
        }
        return relative.Replace('\\', '/');
    }

    private void MapOutputs(PublishedImage published)
    {
        var image = published.Image;
        GeneratedContainerDigest = image.ManifestDigest;
        GeneratedContainerManifest = System.Text.Encoding.UTF8.GetString(image.Image.Manifest.Bytes!);
        GeneratedContainerConfiguration = System.Text.Encoding.UTF8.GetString(image.Image.Config.Bytes!);
        GeneratedContainerConfigurationDigest = image.ConfigDigest;
        GeneratedContainerMediaType = image.Image.Manifest.MediaType;
        GeneratedArchiveOutputPath = published.ArchivePath;
        GeneratedOciLayoutPath = published.LayoutPath;
        GeneratedBaseImageDigest = image.BaseDigest;
        GeneratedContainerTags = [.. published.Inputs.Tags];
        var name = published.Inputs.ImageName;
        GeneratedContainerNames = [new TaskItem($"{name}@{image.ManifestDigest}"), .. published.Inputs.Tags.Select(t => (ITaskItem)new TaskItem($"{name}:{t}"))];
    }

    private void Report(PublishedImage published, IDiagnosticLog log)
    {
        var name = published.Inputs.ImageName;
        var tags = string.Join(", ", published.Inputs.Tags);
        Log.LogMessage(MessageImportance.High, $"{ProjectName} -> {name}@{published.Image.ManifestDigest} (tags {tags}; {string.Join(", ", published.Destinations)})");
        if (published.Push is { } push)
            Log.LogMessage(MessageImportance.High,
                $"{ProjectName} -> pushed to {published.Inputs.Registry}/{push.Repository}: {push.Uploaded.Count} blobs uploaded ({published.UploadedBytes} bytes), {push.Mounted.Count} mounted, {push.Skipped.Count} already present.");

        if (!string.IsNullOrEmpty(ImageJsonPath))
            GeneratedFile.WriteIfChanged(Path.GetFullPath(ImageJsonPath), ImageReport.Serialize(ImageReport.Create(published)));

        if (string.Equals(GitHubActions, "true", StringComparison.OrdinalIgnoreCase))
        {
            var current = "";
            try
            {
                current = GitHubOutput ?? "";
                GitHubActionsReport.Append(GitHubOutput, GitHubActionsReport.Outputs(published));
                current = GitHubStepSummary ?? "";
                GitHubActionsReport.Append(GitHubStepSummary, GitHubActionsReport.Summary(published));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Report(Messages.NB4054_GitHubOutputFailed.Create(current, e.Message));
            }
        }
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

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
