using Microsoft.Build.Framework;
using Notebook.Deployment.Settings;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Deployment;

/// <summary>
/// Validates the run settings of every notebook (item metadata over the Notebook* properties) and their sweep files at
/// build, and returns the image annotation that carries them (<see cref="ProjectRunSettings.AnnotationKey"/>).
/// </summary>
public sealed class CheckNotebookRunSettings : Task
{
    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The project file, where messages point (the settings are written there).</summary>
    public string? ProjectFile { get; set; }

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

    public string? SweepConcurrency { get; set; }

    [Output]
    public string? Annotation { get; private set; }

    public override bool Execute() => Guarded.Run(Log, inner =>
    {
        var log = new LocatedLog(inner, ProjectFile);
        var defaults = new RawRunSettings
        {
            Cpu = Cpu, Memory = Memory, Gpu = Gpu, Schedule = Schedule, TimeZone = TimeZone, Timeout = Timeout,
            Retries = Retries, Concurrency = Concurrency, Parameters = Parameters,
        };
        _ = ProjectRunSettings.SweepConcurrency(SweepConcurrency, log);
        var plans = ProjectRunSettings.Resolve(defaults, RunSettingsItems.Inputs(Notebooks, ProjectDirectory, Sweep), log);
        if (plans is not null) Annotation = ProjectRunSettings.Annotation(plans);
    });
}
