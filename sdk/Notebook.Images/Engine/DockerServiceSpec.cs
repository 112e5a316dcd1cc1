namespace Notebook.Images;

/// <summary>
/// A swarm <c>replicated-job</c> service of one task: what 'docker service create --mode replicated-job
/// --restart-condition none' takes, with the few settings a notebook run needs.
/// </summary>
public sealed record DockerServiceSpec
{
    public required string Name { get; init; }

    /// <summary>Image reference, by digest so that every node runs the same bytes (REGISTRY/REPOSITORY@sha256:...).</summary>
    public required string Image { get; init; }

    /// <summary>Arguments after the image's entrypoint.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Labels of the service and of its task's container.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>CPU limit and reservation in nano-CPUs (1e9 is one CPU); none when null.</summary>
    public long? NanoCpus { get; init; }

    /// <summary>Memory limit and reservation in bytes; none when null.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>A network to attach the task to ("host" shares the node's network); the engine's default when null.</summary>
    public string? Network { get; init; }

    /// <summary>Swarm configs mounted as read-only files in the task.</summary>
    public IReadOnlyList<SwarmConfigFile> ConfigFiles { get; init; } = [];
}

/// <summary>One task of a service as the manager reports it; <see cref="ExitCode"/> once its container has ended.</summary>
public sealed record DockerTaskInfo(string Id, string NodeId, string State, string DesiredState, string Message, string Error,
    string? ContainerId, long? ExitCode, ulong JobIteration)
{
    /// <summary>States a task does not leave (swarmkit's api.TaskState past "running").</summary>
    public bool IsTerminal => State is "complete" or "failed" or "rejected" or "shutdown" or "orphaned" or "remove";
}

/// <summary>This engine's place in a swarm (GET /info).</summary>
public sealed record DockerSwarmNode(string NodeId, string State, bool IsManager, string EngineVersion);

/// <summary>A swarm config mounted as a file: the manager matches a reference by its id and its name, so both go.</summary>
public sealed record SwarmConfigFile(string Id, string Name, string PathInTask);
