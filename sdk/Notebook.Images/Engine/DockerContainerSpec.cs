namespace Notebook.Images;

/// <summary>What a container is created from: the few settings kernels and local runs need.</summary>
public sealed record DockerContainerSpec
{
    /// <summary>Image reference or id, for example "notebook/report:1.4.0".</summary>
    public required string Image { get; init; }

    /// <summary>Arguments after the entrypoint (the image's Cmd when null).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's entrypoint when set.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>"uid", "uid:gid" or a name from the image's /etc/passwd; the image's user when null.</summary>
    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Bind mounts as the engine takes them: "HOST-PATH:CONTAINER-PATH" or "HOST-PATH:CONTAINER-PATH:ro".</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary>"host" shares the engine host's network (a kernel's ports are then reachable on its loopback).</summary>
    public string? NetworkMode { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Keep stdin open for <see cref="DockerEngine.AttachAsync"/>; closing it ends the container's stdin.</summary>
    public bool OpenStdin { get; init; }

    public string? Name { get; init; }

    /// <summary>The engine removes the container when it exits ('docker run --rm'), even when no client is left to do it.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>TCP ports published on the engine host's 127.0.0.1 under the same numbers ('-p 127.0.0.1:P:P'); needs a bridge network.</summary>
    public IReadOnlyList<int> LoopbackPorts { get; init; } = [];
}

/// <summary>A container as the engine lists it.</summary>
public sealed record DockerContainerInfo(string Id, string Image, string State, IReadOnlyDictionary<string, string> Labels);

/// <summary>The engine's version and API version (from GET /version).</summary>
public sealed record DockerEngineVersion(string Version, Version ApiVersion, string Os, string Architecture);
