namespace Notebook.Runner.Swarm;

/// <summary>What <c>nbrun swarm</c> was asked for; <see cref="RunnerArgs"/> go to the runner in the task.</summary>
public sealed record SwarmOptions
{
    /// <summary>REGISTRY/REPOSITORY@sha256:... (a tag is resolved to its digest before the run).</summary>
    public string? Image { get; init; }

    /// <summary>Where the results come back to (a folder per set for a sweep).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>REGISTRY/REPOSITORY the task pushes its results to; default: the image's repository.</summary>
    public string? ResultsRepository { get; init; }

    /// <summary>CPU as a Kubernetes quantity ("500m", "2").</summary>
    public string? Cpu { get; init; }

    /// <summary>Memory as a Kubernetes quantity ("512Mi", "2G").</summary>
    public string? Memory { get; init; }

    /// <summary>Retries after a retryable exit code; null: the run settings' default (2, as a Job's backoffLimit).</summary>
    public int? Retries { get; init; }

    public string? Network { get; init; }

    public TimeSpan? ScheduleTimeout { get; init; }

    public string? Sweep { get; init; }

    public int SweepConcurrency { get; init; } = 1;

    public IReadOnlyList<string> RunnerArgs { get; init; } = [];

    public bool Help { get; init; }
}
