namespace Notebook.Deployment.Settings;

/// <summary>What a scheduled run does while the previous run of the same notebook is still going (a CronJob's <c>concurrencyPolicy</c>).</summary>
public enum RunConcurrency
{
    /// <summary>Both run.</summary>
    Allow,

    /// <summary>The new run is skipped.</summary>
    Forbid,

    /// <summary>The old run is stopped and the new one starts.</summary>
    Replace,
}

/// <summary>One <c>NAME=VALUE</c> of a notebook's scheduled runs; the value is text, typed by the runner against the schema as <c>-p</c> values are.</summary>
public sealed record RunParameter(string Name, string Value);

/// <summary>
/// The validated run settings of one notebook: what it needs (CPU, memory, GPUs), when it runs (schedule, time zone,
/// concurrency), how long and how often it is tried, and the parameters of its scheduled runs. Engines (Kubernetes,
/// Swarm) map these to their own shapes; nothing here knows either.
/// </summary>
public sealed record RunSettings
{
    /// <summary>Retries when none is set: a kernel that died (often out of memory on a busy node) is tried twice more.</summary>
    public const int DefaultRetries = 2;

    public static readonly RunSettings Empty = new();

    /// <summary>CPU cores, as a Kubernetes quantity (<c>500m</c>, <c>2</c>).</summary>
    public ResourceQuantity? Cpu { get; init; }

    /// <summary>Memory in bytes, as a Kubernetes quantity (<c>512Mi</c>, <c>2Gi</c>).</summary>
    public ResourceQuantity? Memory { get; init; }

    /// <summary>GPUs, 0 for none.</summary>
    public int Gpu { get; init; }

    public CronSchedule? Schedule { get; init; }

    /// <summary>IANA name of the schedule's time zone; null is the engine's (a Kubernetes controller's is UTC).</summary>
    public string? TimeZone { get; init; }

    /// <summary>The longest one run may take (nbrun's <c>--timeout</c>; it then exits 4 with what was executed).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many more times a run whose kernel died (exit 3) or that was killed is tried; never for a failing cell, bad parameters or a timeout.</summary>
    public int Retries { get; init; } = DefaultRetries;

    public RunConcurrency Concurrency { get; init; } = RunConcurrency.Allow;

    public IReadOnlyList<RunParameter> Parameters { get; init; } = [];
}
