using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Deployment.Kubernetes;
using Notebook.Deployment.Settings;
using Notebook.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Deployment;

/// <summary>
/// Writes <c>OutputDirectory/&lt;notebook&gt;.yaml</c> for every notebook: a Job, a CronJob with a Schedule, an Indexed
/// Job with a sweep, the image pinned by the digest just pushed. Mapping only; the shapes are Notebook.Deployment.Kubernetes'.
/// </summary>
public sealed class WriteNotebookKubernetesManifests : Task
{
    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Required]
    public string ProjectName { get; set; } = "";

    [Required]
    public string ProjectDirectory { get; set; } = "";

    public string? ProjectFile { get; set; }

    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>ContainerRegistry; empty means the image was not pushed, and no manifest can pin it (NB6039).</summary>
    public string? Registry { get; set; }

    public string? Repository { get; set; }

    /// <summary>GeneratedContainerDigest of PublishNotebookImage.</summary>
    public string? Digest { get; set; }

    public string? Version { get; set; }

    public string? WorkingDirectory { get; set; }

    public string? ImageOutputDirectory { get; set; }

    public string? User { get; set; }

    public string? Cpu { get; set; }

    public string? Memory { get; set; }

    public string? Gpu { get; set; }

    public string? Schedule { get; set; }

    public string? TimeZone { get; set; }

    public string? Timeout { get; set; }

    public string? Retries { get; set; }

    public string? Concurrency { get; set; }

    public string? Parameters { get; set; }

    public string? Sweep { get; set; }

    /// <summary>Where each notebook's sweep file sits in the image, keyed by its full path on disk (items: Include = path, metadata PathInImage).</summary>
    public ITaskItem[] SweepFiles { get; set; } = [];

    public string? SweepConcurrency { get; set; }

    public string? Namespace { get; set; }

    public string? ServiceAccount { get; set; }

    public string[] ImagePullSecrets { get; set; } = [];

    /// <summary>Items: Include = label key, metadata Value.</summary>
    public ITaskItem[] NodeSelector { get; set; } = [];

    /// <summary>Items: Include = taint key (may be empty with Operator Exists as "*"), metadata Operator, Value, Effect, TolerationSeconds.</summary>
    public ITaskItem[] Tolerations { get; set; } = [];

    public string? TtlSecondsAfterFinished { get; set; }

    public string? ResultsRepository { get; set; }

    [Output]
    public ITaskItem[] Manifests { get; private set; } = [];

    public override bool Execute() => Guarded.Run(Log, inner =>
    {
        var log = new LocatedLog(inner, ProjectFile);
        if (string.IsNullOrWhiteSpace(Registry) || string.IsNullOrWhiteSpace(Digest))
        {
            log.Report(Messages.NB6039_ManifestsNeedRegistry.Create());
            return;
        }

        var options = KubernetesOptionsParser.Parse(new RawKubernetesOptions
        {
            Namespace = Namespace,
            ServiceAccount = ServiceAccount,
            ImagePullSecrets = ImagePullSecrets,
            NodeSelector = [.. NodeSelector.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value")))],
            Tolerations = [.. Tolerations.Select(i => new TolerationInput(i.ItemSpec == "*" ? "" : i.ItemSpec, i.GetMetadata("Operator"), i.GetMetadata("Value"), i.GetMetadata("Effect"), i.GetMetadata("TolerationSeconds")))],
            TtlSecondsAfterFinished = TtlSecondsAfterFinished,
            ResultsRepository = ResultsRepository,
        }, log);
        var concurrency = ProjectRunSettings.SweepConcurrency(SweepConcurrency, log);
        var defaults = new RawRunSettings
        {
            Cpu = Cpu, Memory = Memory, Gpu = Gpu, Schedule = Schedule, TimeZone = TimeZone, Timeout = Timeout,
            Retries = Retries, Concurrency = Concurrency, Parameters = Parameters,
        };
        var inputs = RunSettingsItems.Inputs(Notebooks, ProjectDirectory, Sweep);
        // The build reported the settings' warnings already; publish repeats only what stops it.
        var plans = ProjectRunSettings.Resolve(defaults, inputs, new ErrorsOnlyLog(log));
        if (options is null || concurrency is null || plans is null) return;

        var sweepPaths = SweepFiles.ToDictionary(s => s.GetMetadata("FullPath"), s => s.GetMetadata("PathInImage"), StringComparer.Ordinal);
        var image = $"{Registry!.Trim()}/{Repository?.Trim()}@{Digest!.Trim()}";
        var specs = plans.Select(plan =>
        {
            var sweepFile = inputs.First(i => i.Notebook == plan.Notebook).SweepFile;
            return new NotebookJobSpec
            {
                Project = ProjectName,
                Notebook = plan.Notebook,
                Image = image,
                Version = Version,
                Settings = plan.Settings,
                Sweep = plan.Sweep is { } sweep && sweepFile is not null
                    ? new SweepSpec(sweepPaths.TryGetValue(sweepFile, out var inImage) ? inImage : throw new InvalidOperationException($"the sweep file {sweepFile} has no path in the image"), sweep.Sets.Count, concurrency.Value)
                    : null,
                WorkingDirectory = string.IsNullOrWhiteSpace(WorkingDirectory) ? "/app" : WorkingDirectory.Trim(),
                OutputDirectory = string.IsNullOrWhiteSpace(ImageOutputDirectory) ? "output" : ImageOutputDirectory.Trim(),
                User = User,
            };
        }).ToArray();

        var written = ManifestFolderWriter.Write(OutputDirectory, specs, options, log);
        if (written is null) return;
        Manifests = [.. written.Select(p => (ITaskItem)new TaskItem(p))];
        foreach (var path in written) Log.LogMessage(MessageImportance.High, $"{ProjectName} -> {path}");
    });
}
