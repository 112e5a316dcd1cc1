namespace Notebook.Images;

/// <summary>
/// What the new image changes on top of its base (names after Microsoft.NET.Build.Containers' properties).
/// Null leaves the base's value; an empty list clears it.
/// </summary>
public sealed record ImageSettings
{
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>When <see cref="Entrypoint"/> is set and this is null, the base's Cmd is dropped (it belonged to the base's entrypoint).</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    public string? WorkingDirectory { get; init; }

    public string? User { get; init; }

    /// <summary>Merged by name into the base's Env: same name replaces in place, new names append in this order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Ports as "PORT/tcp" or "PORT/udp", merged into the base's config.ExposedPorts.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>Merged into the base's labels (config.Labels).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Manifest annotations (org.opencontainers.image.* and the SDK's own keys).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The image's one timestamp: config created, history entries. Usually <see cref="SourceDateEpoch.FromEnvironment"/>.</summary>
    public DateTimeOffset Created { get; init; } = SourceDateEpoch.Default;
}
