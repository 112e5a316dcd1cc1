using System.Globalization;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Checks and normalises <see cref="NotebookImageOptions"/> into <see cref="NotebookImageInputs"/>: what a publish
/// decides before it touches the network. Item errors (a label without a key, a bad port, content outside the
/// project) are reported to the log so that all of them show at once; a wrong setting throws its NB code.
/// </summary>
public static class ImageInputsResolver
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

    public static NotebookImageInputs Resolve(NotebookImageOptions options, IDiagnosticLog log)
    {
        var workingDirectory = options.WorkingDirectory.Trim();
        if (!workingDirectory.StartsWith('/') || workingDirectory.TrimEnd('/').Length == 0)
            throw Messages.NB4053_InvalidWorkingDirectory.Exception(options.WorkingDirectory);
        workingDirectory = workingDirectory.TrimEnd('/');
        var output = options.OutputDirectoryInImage.Trim();
        if (!output.StartsWith('/')) output = workingDirectory + "/" + output;

        var repository = options.Repository.Trim();
        ImageReference.ValidateRepository(repository);
        var tags = options.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (tags.Length == 0) tags = [.. ImageTags.FromVersion(Empty(options.Version) ?? "latest")];
        foreach (var tag in tags) ImageReference.ValidateTag(tag);

        var registry = Empty(options.Registry);
        var archive = Empty(options.ArchiveOutputPath) is { } a ? ArchivePath(a, repository) : null;
        var layout = Empty(options.LayoutPath);
        var projectDirectory = Path.GetFullPath(options.ProjectDirectory);
        var dependencies = Empty(options.DependencyDirectory) is { } deps ? Path.GetFullPath(deps, projectDirectory) : null;
        var platforms = Platforms(options, projectDirectory, dependencies);
        var toEngine = options.ToDockerEngine ?? (registry is null && archive is null && layout is null);
        if (platforms.Count > 1) CheckMultiPlatform(platforms, archive, toEngine, dependencies, log);
        // A plan holds one platform's files (the kernel's native parts, the packages' runtime assets).
        if (platforms.Count > 1 && options.LayerPlans.Count > 0)
            log.Report(Messages.NB4182_CSharpMultiPlatform.Create(string.Join(", ", platforms.Select(p => p.RuntimeIdentifier))));
        // A one-platform image keeps the dependency folder it was given; the inputs' folder is the first platform's.
        if (platforms.Count == 1 || platforms[0].DependencyDirectory is not null) dependencies = platforms[0].DependencyDirectory;
        var runnerPath = platforms[0].RunnerPath;
        return new NotebookImageInputs
        {
            Format = Format(options.ImageFormat),
            ExposedPorts = Ports(options.Ports, log),
            // 'scratch' (as in a Dockerfile's FROM scratch) builds from no base at all.
            BaseImage = string.Equals(Empty(options.BaseImage), "scratch", StringComparison.OrdinalIgnoreCase) ? null : Empty(options.BaseImage),
            BaseImageDigest = Empty(options.BaseImageDigest),
            Registry = registry,
            Repository = repository,
            Tags = tags,
            Version = Empty(options.Version),
            ArchiveOutputPath = archive,
            LayoutPath = layout,
            ToDockerEngine = toEngine,
            RunnerPath = runnerPath,
            Platforms = platforms,
            RunnerPathInImage = options.RunnerPathInImage,
            DependencyDirectory = dependencies,
            DependencyPathInImage = options.DependencyPathInImage,
            PlannedLayers = options.LayerPlans.Where(p => Empty(p) is not null).Select(p => LayerPlan.Read(Path.GetFullPath(p.Trim(), projectDirectory))).ToArray(),
            WorkingDirectory = workingDirectory,
            OutputDirectoryInImage = output,
            Notebooks = options.Notebooks.Select(n => new NotebookFile(Path.GetFullPath(n.FullPath, projectDirectory), PathInApp(n, projectDirectory, log),
                Empty(n.SchemaPath) is { } s ? Path.GetFullPath(s, projectDirectory) : null)).ToArray(),
            ContentFiles = options.ContentFiles.Select(c => new AppFile(Path.GetFullPath(c.FullPath, projectDirectory), PathInApp(c, projectDirectory, log))).ToArray(),
            User = Empty(options.User),
            Entrypoint = [.. (options.Entrypoint.Count > 0 ? options.Entrypoint : [options.RunnerPathInImage]), .. options.EntrypointArgs],
            Cmd = options.DefaultArgs.Count > 0 ? options.DefaultArgs : null,
            Environment = Environment(options),
            Labels = Labels(options.Labels, log),
            GeneratedLabels = options.GenerateLabels
                ? options.GeneratedLabels.Where(l => Empty(l.Value) is not null).GroupBy(l => l.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            Annotations = options.Annotations.Where(a => Empty(a.Value) is not null)
                .GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            GenerateCreatedLabel = options.GenerateLabels && options.GenerateCreatedLabel,
            GenerateBaseNameLabel = options.GenerateLabels && options.GenerateBaseNameLabel,
            GenerateBaseDigestLabel = options.GenerateLabels && options.GenerateBaseDigestLabel,
            LockDigest = Empty(options.LockDigest),
            Created = SourceDateEpoch.Parse(Empty(options.SourceDateEpoch)),
            CacheDirectory = Path.GetFullPath(options.CacheDirectory, projectDirectory),
            ImageJsonPath = Empty(options.ImageJsonPath) is { } json ? Path.GetFullPath(json, projectDirectory) : null,
            GitHubActions = options.GitHubActions,
            Sbom = options.Sbom is { } sbom ? sbom with { Path = Path.GetFullPath(sbom.Path, projectDirectory) } : null,
        };
    }

    /// <summary>
    /// One entry per platform (RuntimePlatform.Parse: ContainerRuntimeIdentifier, else ContainerRuntimeIdentifiers, else
    /// linux-x64). A one-platform image takes NotebookRunnerPath when set; otherwise each platform's runner is
    /// RunnerDirectory/RID/nbrun. The dependency folder is that platform's own (<see cref="NotebookImageOptions.PlatformDependencies"/>)
    /// when given, else, for a one-platform image, the one the build resolved.
    /// </summary>
    public static IReadOnlyList<PlatformSources> Platforms(NotebookImageOptions options, string projectDirectory, string? dependencies)
    {
        var rids = RuntimePlatform.Parse(options.RuntimeIdentifiers, options.RuntimeIdentifier);
        return rids.Select(rid =>
        {
            var runner = rids.Count == 1 && Empty(options.RunnerPath) is { } single
                ? single
                : Path.Combine(Empty(options.RunnerDirectory) ?? throw Messages.NB4152_PlatformRunnerMissing.Exception(rid, $"(NotebookRunnerDirectory)/{rid}/nbrun"), rid, "nbrun");
            var own = options.PlatformDependencies.LastOrDefault(d => string.Equals(d.RuntimeIdentifier.Trim(), rid, StringComparison.Ordinal));
            var platform = RuntimePlatform.ForRuntimeIdentifier(rid);
            var runnerPath = Path.GetFullPath(runner, projectDirectory);
            return own is null
                ? new PlatformSources(platform, runnerPath, rids.Count == 1 ? dependencies : null) { RuntimeIdentifier = rid }
                : new PlatformSources(platform, runnerPath, Path.GetFullPath(own.Directory, projectDirectory))
                {
                    RuntimeIdentifier = rid,
                    LockDigest = Empty(own.LockDigest),
                    Packages = own.Packages,
                };
        }).ToArray();
    }

    /// <summary>
    /// What a multi-platform image cannot have: a docker-archive tar or the engine as a destination (both hold one
    /// platform), a runner missing for a platform, or a dependency folder given for the image but not for each of its
    /// platforms (a folder holds one platform's wheels: the SDK's targets pass one per platform, from its own lock).
    /// </summary>
    private static void CheckMultiPlatform(IReadOnlyList<PlatformSources> platforms, string? archive, bool toEngine, string? dependencies, IDiagnosticLog log)
    {
        var names = string.Join(", ", platforms.Select(p => p.Platform.ToString()));
        if (archive is not null) log.Report(Messages.NB4150_MultiPlatformArchive.Create(archive, names));
        if (toEngine) log.Report(Messages.NB4151_MultiPlatformEngine.Create(names));
        if (dependencies is not null && platforms.Any(p => p.DependencyDirectory is null))
            log.Report(Messages.NB4153_MultiPlatformDependencies.Create(
                string.Join(", ", platforms.Where(p => p.DependencyDirectory is null).Select(p => p.RuntimeIdentifier)), names));
        foreach (var platform in platforms.Where(p => !File.Exists(p.RunnerPath)))
            log.Report(Messages.NB4152_PlatformRunnerMissing.Create(platform.Platform.ToString(), platform.RunnerPath));
    }

    /// <summary>A folder (trailing '/' or an existing directory) gets REPOSITORY-LAST-SEGMENT.tar inside it.</summary>
    public static string ArchivePath(string path, string repository)
    {
        if (path.EndsWith('/') || path.EndsWith('\\') || Directory.Exists(path))
            return Path.GetFullPath(Path.Combine(path, repository[(repository.LastIndexOf('/') + 1)..] + ".tar"));
        return Path.GetFullPath(path);
    }

    /// <summary>The given path (Link, TargetPath), else the path relative to the project folder; '/'-separated.</summary>
    public static string PathInApp(ProjectFile file, string projectDirectory, IDiagnosticLog log)
    {
        if (Empty(file.PathInApp) is { } explicitPath) return explicitPath.Replace('\\', '/').TrimStart('/');
        var full = Path.GetFullPath(file.FullPath, projectDirectory);
        var relative = Path.GetRelativePath(projectDirectory, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            log.Report(Messages.NB4051_ContentOutsideProject.Create(full));
            return Path.GetFileName(full);
        }
        return relative.Replace('\\', '/');
    }

    public static ImageFormat Format(string? value) => Empty(value)?.ToLowerInvariant() switch
    {
        null or "oci" => ImageFormat.Oci,
        "docker" => ImageFormat.Docker,
        _ => throw Messages.NB4071_InvalidImageFormat.Exception(value),
    };

    /// <summary>"PORT/tcp" or "PORT/udp", sorted and distinct; a bad one is NB4070.</summary>
    public static IReadOnlyList<string> Ports(IEnumerable<ContainerPortOption> ports, IDiagnosticLog log)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in ports)
        {
            var type = Empty(item.Type)?.ToLowerInvariant() ?? "tcp";
            if (!int.TryParse(item.Port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                log.Report(Messages.NB4070_InvalidContainerPort.Create(item.Port, type, "the port is not a number from 1 to 65535"));
            else if (type is not ("tcp" or "udp"))
                log.Report(Messages.NB4070_InvalidContainerPort.Create(item.Port, type, "the Type is neither tcp nor udp"));
            else result.Add($"{port}/{type}");
        }
        return [.. result];
    }

    private static List<KeyValuePair<string, string>> Environment(NotebookImageOptions options)
    {
        var environment = DefaultEnvironment(options.DependencyPathInImage).ToList();
        foreach (var (name, value) in options.EnvironmentVariables)
        {
            var index = environment.FindIndex(e => e.Key == name);
            if (index >= 0) environment[index] = new(name, value);
            else environment.Add(new(name, value));
        }
        return environment;
    }

    private static Dictionary<string, string> Labels(IEnumerable<KeyValuePair<string, string>> items, IDiagnosticLog log)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (string.IsNullOrWhiteSpace(key))
                log.Report(Messages.NB4052_InvalidContainerItem.Create("ContainerLabel", key, "the key is empty"));
            else labels[key] = value;
        }
        return labels;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
