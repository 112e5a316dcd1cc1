using Microsoft.Build.Framework;
using Notebook.Deployment.Settings;

namespace Notebook.Build.Tasks.Deployment;

/// <summary>
/// Validates the run settings of every notebook (item metadata over the Notebook* properties) and their sweep files at
/// build, and returns the image annotation that carries them (<see cref="ProjectRunSettings.AnnotationKey"/>).
/// </summary>
public sealed class CheckNotebookRunSettings : RunSettingsTask
{
    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The project file, where messages point (the settings are written there).</summary>
    public string? ProjectFile { get; set; }

    [Output]
    public string? Annotation { get; private set; }

    public override bool Execute() => Guarded.Run(Log, inner =>
    {
        var log = new LocatedLog(inner, ProjectFile);
        var defaults = Defaults();
        _ = ProjectRunSettings.SweepConcurrency(SweepConcurrency, log);
        var plans = ProjectRunSettings.Resolve(defaults, RunSettingsItems.Inputs(Notebooks, ProjectDirectory, Sweep), log);
        if (plans is not null) Annotation = ProjectRunSettings.Annotation(plans);
    });
}
