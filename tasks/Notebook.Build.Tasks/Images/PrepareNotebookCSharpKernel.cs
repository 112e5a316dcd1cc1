using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Dependencies.NuGet;
using Notebook.Interactive;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Images;

/// <summary>
/// Before PublishNotebookImage: the layer plans of the .NET runtime, the .NET Interactive kernel and the locked
/// packages when the project has C# notebooks (<see cref="InteractiveImagePreparer"/>), as NotebookImageLayer items.
/// </summary>
public sealed class PrepareNotebookCSharpKernel : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public ITaskItem[] Notebooks { get; set; } = [];
    [Required] public string LockFile { get; set; } = "";
    public string? RuntimeIdentifier { get; set; }
    public string? RuntimeIdentifiers { get; set; }
    [Required] public string RuntimeVersion { get; set; } = "";
    [Required] public string ToolVersion { get; set; } = "";
    public bool InvariantGlobalization { get; set; }
    /// <summary>SatelliteResourceLanguages (';'-separated), as the .NET SDK reads it.</summary>
    public string? SatelliteResourceLanguages { get; set; }
    [Required] public string WorkDirectory { get; set; } = "";
    [Required] public string OutputDirectory { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 300;

    [Output] public ITaskItem[] LayerPlans { get; private set; } = [];

    public void Cancel() => _cancel.Cancel();

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var settings = new InteractiveImageRequest
        {
            RuntimeIdentifier = "linux-x64",
            RuntimeVersion = RuntimeVersion.Trim(),
            ToolVersion = ToolVersion.Trim(),
            InvariantGlobalization = InvariantGlobalization,
            SatelliteResourceLanguages = (SatelliteResourceLanguages ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            OutputDirectory = OutputDirectory,
        };
        var plans = InteractiveImagePreparer.PrepareAsync(Notebooks.Select(n => n.GetMetadata("FullPath")), LockFile, RuntimeIdentifier, RuntimeIdentifiers,
            settings, new NuGetAssetResolver(WorkDirectory, dotnet, TimeSpan.FromSeconds(TimeoutSeconds)), _cancel.Token).GetAwaiter().GetResult();
        LayerPlans = plans.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
    });
}
