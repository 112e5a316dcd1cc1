using Notebook.Deployment.Settings;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Deployment;

/// <summary>The project-wide defaults of the run settings (the Notebook* properties), shared by the tasks that read them.</summary>
public abstract class RunSettingsTask : Task
{
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

    protected RawRunSettings Defaults() => new()
    {
        Cpu = Cpu, Memory = Memory, Gpu = Gpu, Schedule = Schedule, TimeZone = TimeZone, Timeout = Timeout,
        Retries = Retries, Concurrency = Concurrency, Parameters = Parameters,
    };
}
