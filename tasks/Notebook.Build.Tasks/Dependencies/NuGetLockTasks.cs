using Microsoft.Build.Framework;
using Notebook.Dependencies.NuGet;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>Restore: writes the lock of the notebooks' <c>#r "nuget: ..."</c> packages when missing or stale (never in locked mode), resolving with NuGet.</summary>
public sealed class RestoreNotebookNuGetPackages : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Required]
    public string LockFile { get; set; } = "";

    [Required]
    public string WorkDirectory { get; set; } = "";

    public bool LockedMode { get; set; }

    public int TimeoutSeconds { get; set; } = 300;

    public void Cancel() => _cancel.Cancel();

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var (directives, diagnostics) = NuGetLocking.Scan(Notebooks.Select(n => (n.GetMetadata("FullPath"), n.GetMetadata("FullPath"))));
        foreach (var d in diagnostics) log.Report(d);
        if (diagnostics.Any(d => d.Severity == Diagnostics.Severity.Error)) return;
        // The CLI gives every task the dotnet that runs the build.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var restorer = new NuGetRestorer(WorkDirectory, dotnet, TimeSpan.FromSeconds(TimeoutSeconds));
        NuGetLocking.RestoreAsync(directives, LockFile, LockedMode, restorer, log.Report, _cancel.Token).GetAwaiter().GetResult();
    });
}

/// <summary>Build: checks, with no network, that the NuGet lock matches the notebooks' <c>#r "nuget: ..."</c> directives.</summary>
public sealed class CheckNotebookNuGetLock : Task
{
    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Required]
    public string LockFile { get; set; } = "";

    public bool LockedMode { get; set; }

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var (directives, diagnostics) = NuGetLocking.Scan(Notebooks.Select(n => (n.GetMetadata("FullPath"), n.GetMetadata("FullPath"))));
        foreach (var d in diagnostics) log.Report(d);
        if (diagnostics.Any(d => d.Severity == Diagnostics.Severity.Error)) return;
        NuGetLocking.Check(directives, LockFile, LockedMode, log.Report);
    });
}
