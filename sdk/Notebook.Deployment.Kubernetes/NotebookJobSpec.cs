using Notebook.Deployment.Settings;

namespace Notebook.Deployment.Kubernetes;

/// <summary>A sweep carried in the image: its path there, how many sets it holds, and how many run at once.</summary>
public sealed record SweepSpec(string PathInImage, int Count, int Parallelism);

/// <summary>What one notebook's manifest is made of; engine-neutral inputs plus the image just pushed.</summary>
public sealed record NotebookJobSpec
{
    /// <summary>The project name, for the <c>app.kubernetes.io/name</c> and <c>part-of</c> labels.</summary>
    public required string Project { get; init; }

    /// <summary>The notebook's path in the image, relative to the working directory ('/'-separated): nbrun's first argument.</summary>
    public required string Notebook { get; init; }

    /// <summary>The image by digest, REGISTRY/REPOSITORY@sha256:... (ko resolve's way: never a tag).</summary>
    public required string Image { get; init; }

    /// <summary>The project version, for <c>app.kubernetes.io/version</c>; null for none.</summary>
    public string? Version { get; init; }

    public required RunSettings Settings { get; init; }

    public SweepSpec? Sweep { get; init; }

    /// <summary>The image's working directory, where notebooks live.</summary>
    public string WorkingDirectory { get; init; } = "/app";

    /// <summary>The output folder (relative to the working directory, or absolute); it gets an emptyDir, as /tmp does.</summary>
    public string OutputDirectory { get; init; } = "output";

    /// <summary>The image's user, <c>UID[:GID]</c>; numeric ids go to runAsUser/runAsGroup.</summary>
    public string? User { get; init; }
}
