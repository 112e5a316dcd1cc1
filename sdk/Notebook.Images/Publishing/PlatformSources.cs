namespace Notebook.Images;

/// <summary>
/// What differs between the platforms of one image: the platform, the runner built for it and the dependency folder
/// resolved for it (null: no dependency layer), with the digest of the lock that folder was installed from and the
/// packages that lock pins (for the annotations and the SBOM; null: the image's own <see cref="NotebookImageInputs.LockDigest"/>
/// and the SBOM options' packages). The notebooks and content are shared.
/// </summary>
public sealed record PlatformSources(Platform Platform, string RunnerPath, string? DependencyDirectory)
{
    /// <summary>The runtime identifier the platform was asked for (linux-x64, linux-arm64).</summary>
    public string RuntimeIdentifier { get; init; } = "linux-x64";

    public string? LockDigest { get; init; }

    public IReadOnlyList<SbomPackage>? Packages { get; init; }

    /// <summary>The sources of the one linux/amd64 image the inputs describe.</summary>
    public static PlatformSources Default(NotebookImageInputs inputs) => new(Platform.LinuxAmd64, inputs.RunnerPath, inputs.DependencyDirectory);

    /// <summary>Every platform of the inputs, in index order.</summary>
    public static IReadOnlyList<PlatformSources> All(NotebookImageInputs inputs) => inputs.Platforms.Count > 0 ? inputs.Platforms : [Default(inputs)];
}

/// <summary>One platform's dependency folder, from its own lock: the digest of that lock and the packages it pins.</summary>
public sealed record PlatformDependencies(string RuntimeIdentifier, string Directory, string? LockDigest, IReadOnlyList<SbomPackage> Packages);
