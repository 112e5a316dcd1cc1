namespace Notebook.Images;

/// <summary>A locked Python distribution as requirements.lock pins it: normalised name, exact version, the sha256 of each file pip may take.</summary>
public sealed record SbomPackage(string Name, string Version, IReadOnlyList<string> Sha256);

/// <summary>A Debian package of the OS-packages layer, as packages.lock pins it.</summary>
public sealed record SbomDebianPackage(string Distribution, string Name, string Version, string Architecture, string Sha256);

/// <summary>A NuGet package in the image (the .NET runtime, the .NET Interactive kernel, a locked #r package): NuGet's base64 SHA-512 and what it is there for.</summary>
public sealed record SbomNuGetPackage(string Id, string Version, string Sha512Base64, string Description);

/// <summary>
/// What the SBOM of a publish needs beyond the image itself: where to write it, the locked packages (read from
/// requirements.lock by the caller) and the version of the SDK that ships the runner (by default this library's own:
/// the SDK package carries the library, the tasks and the runner at one version).
/// </summary>
public sealed record SbomOptions(string Path, IReadOnlyList<SbomPackage> Packages)
{
    public string SdkVersion { get; init; } = CurrentSdkVersion;

    /// <summary>The Debian packages the image adds to its base (packages.lock), listed as pkg:deb with their .deb's SHA256.</summary>
    public IReadOnlyList<SbomDebianPackage> DebianPackages { get; init; } = [];

    /// <summary>The informational version of this assembly without its build metadata ('+commit').</summary>
    public static string CurrentSdkVersion { get; } = CurrentVersion();

    private static string CurrentVersion()
    {
        var attribute = typeof(SbomOptions).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault();
        var version = attribute?.InformationalVersion ?? typeof(SbomOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}

/// <summary>The SBOM a publish wrote and, when the image went to a registry, the artifact that attaches it.</summary>
public sealed record PublishedSbom(string Path, string Digest, long Size, ArtifactPushResult? Artifact);
