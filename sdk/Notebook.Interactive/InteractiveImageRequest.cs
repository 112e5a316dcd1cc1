using Notebook.Dependencies.NuGet;
using Notebook.Documents;

namespace Notebook.Interactive;

/// <summary>What the .NET Interactive layers of one image are made from.</summary>
public sealed record InteractiveImageRequest
{
    /// <summary>linux-x64 or linux-arm64.</summary>
    public required string RuntimeIdentifier { get; init; }

    /// <summary>The version of the runtime packs (Microsoft.NETCore.App, Microsoft.AspNetCore.App, the app host).</summary>
    public required string RuntimeVersion { get; init; }

    /// <summary>The version of the Microsoft.dotnet-interactive tool package.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The notebooks' lock, or null when no notebook has a <c>#r "nuget: ..."</c> line.</summary>
    public NuGetLock? Lock { get; init; }

    /// <summary>The C# notebooks of the image, for the kernel's restore-result cache.</summary>
    public IReadOnlyList<NotebookDocument> Notebooks { get; init; } = [];

    /// <summary>Where the generated files (launcher, kernelspec, cache entries) and the plans are written.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT for the kernel: for a base image without libicu.</summary>
    public bool InvariantGlobalization { get; init; }

    /// <summary>
    /// SatelliteResourceLanguages, as the .NET SDK reads it: when not empty, only these cultures' satellite assemblies
    /// (the tool's <c>de/</c>, <c>ja/</c>, ... folders) go into the image.
    /// </summary>
    public IReadOnlyList<string> SatelliteResourceLanguages { get; init; } = [];

    public const string ToolPackageId = "Microsoft.dotnet-interactive";

    /// <summary>The packages the layers are laid from, besides the locked ones: the runtime packs, the app host pack, the tool.</summary>
    public IReadOnlyList<(string Id, string Version)> Downloads =>
    [
        ($"Microsoft.NETCore.App.Runtime.{RuntimeIdentifier}", RuntimeVersion),
        ($"Microsoft.AspNetCore.App.Runtime.{RuntimeIdentifier}", RuntimeVersion),
        ($"Microsoft.NETCore.App.Host.{RuntimeIdentifier}", RuntimeVersion),
        (ToolPackageId, ToolVersion),
    ];
}
