using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// The .NET runtime identifiers an image can be built for, and the OCI platform of each: the same mapping as
/// Microsoft.NET.Build.Containers (linux-arm64 is arm64 variant v8, as Docker's official images label it).
/// </summary>
public static class RuntimePlatform
{
    private static readonly IReadOnlyDictionary<string, Platform> s_platforms = new Dictionary<string, Platform>(StringComparer.Ordinal)
    {
        ["linux-x64"] = Platform.LinuxAmd64,
        ["linux-arm64"] = new("linux", "arm64", "v8"),
    };

    public static IReadOnlyCollection<string> Supported => s_platforms.Keys.ToArray();

    /// <summary>The platform of a runtime identifier; NB6050 for one images are not built for.</summary>
    public static Platform ForRuntimeIdentifier(string runtimeIdentifier) =>
        s_platforms.TryGetValue(runtimeIdentifier.Trim(), out var platform)
            ? platform
            : throw Messages.NB6050_UnsupportedRuntimeIdentifier.Exception(runtimeIdentifier, string.Join(", ", s_platforms.Keys));

    /// <summary>
    /// The platform to ask a base image's index for: a base labels arm64 with or without its "v8" variant, so
    /// the variant is left out for matching (the index entry of our image still carries it).
    /// </summary>
    public static Platform ForBaseLookup(Platform platform) => platform with { Variant = null };

    /// <summary>
    /// The platforms to build, as Microsoft.NET.Build.Containers chooses them: ContainerRuntimeIdentifier when set (one
    /// image), else ContainerRuntimeIdentifiers (";"-separated; each once, in the order given, so the index lists them
    /// as the project does), else linux-x64.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? runtimeIdentifiers, string? runtimeIdentifier)
    {
        List<string> list = !string.IsNullOrWhiteSpace(runtimeIdentifier)
            ? [runtimeIdentifier.Trim()]
            : (runtimeIdentifiers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) list.Add("linux-x64");
        foreach (var rid in list) ForRuntimeIdentifier(rid);
        return list;
    }
}
