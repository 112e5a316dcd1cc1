namespace Notebook.Deployment.Swarm;

/// <summary>One notebook run as a swarm job: the image by digest, the runner's arguments and what the task may use.</summary>
public sealed record SwarmRunRequest
{
    /// <summary>The notebook's name, for messages and labels ("report.ipynb").</summary>
    public required string Notebook { get; init; }

    /// <summary>REGISTRY/REPOSITORY@sha256:..., so every node runs the same image.</summary>
    public required string Image { get; init; }

    /// <summary>The runner's arguments in the task (notebook and parameters); --push-results is added.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Where the task pushes its results and the host pulls them from: REGISTRY/REPOSITORY (a tag is chosen per run).</summary>
    public required string ResultsRepository { get; init; }

    /// <summary>The folder the results are brought back into.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>CPU limit and reservation in nano-CPUs; none when null.</summary>
    public long? NanoCpus { get; init; }

    /// <summary>Memory limit and reservation in bytes; none when null.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>How many times a run that ended with a retryable exit code is run again (<see cref="SwarmRetryPolicy"/>).</summary>
    public int Retries { get; init; }

    /// <summary>A network for the task ("host" on engines without bridges); the swarm's default when null.</summary>
    public string? Network { get; init; }

    /// <summary>How long a task may wait for a node that can take it.</summary>
    public TimeSpan ScheduleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Files for the task, stored as swarm configs so that any node can mount them (path in the task, content).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Files { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Names this run's services, configs and result tags: "nb-" plus 12 hex digits when null.</summary>
    public string? RunId { get; init; }
}

/// <summary>How a run ended: the runner's exit code in the task (0, 1, 2, 3, 4, 5, 137, 143, ...), where, and what came back.</summary>
public sealed record SwarmRunResult(int ExitCode, int Attempts, string NodeId, TimeSpan Duration, IReadOnlyList<string> ResultFiles, bool KilledForMemory)
{
    /// <summary>The failing cell as run.json names it, when the results came back and name one.</summary>
    public string? FailingCell { get; init; }
}

/// <summary>
/// Which exit codes are run again, as the Kubernetes Job's podFailurePolicy does: 1 (a cell raised), 2 (bad
/// parameters) and 4 (timeout) would fail the same way again; 3 (the kernel died), 137 (killed) and the rest may not.
/// </summary>
public static class SwarmRetryPolicy
{
    public static bool IsRetryable(int exitCode) => exitCode is not (0 or 1 or 2 or 4);
}
