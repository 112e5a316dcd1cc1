using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Dependencies.NuGet;

/// <summary>One package of the lock: id, resolved version, NuGet's contentHash (base64 SHA-512 of the .nupkg), and whether a directive asked for it.</summary>
public sealed record LockedNuGetPackage(string Id, string Version, string ContentHash, bool Direct)
{
    /// <summary>The ids of the packages this one depends on, as the lock lists them.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];
}

/// <summary>
/// The lock of the notebooks' <c>#r "nuget: ..."</c> packages: the <c>packages.lock.json</c> NuGet itself wrote when
/// restore resolved them (<c>dependencies</c> by target framework, each package with <c>type</c> Direct or
/// Transitive, <c>requested</c>, <c>resolved</c>, <c>contentHash</c>), kept byte for byte.
/// </summary>
public sealed class NuGetLock
{
    private NuGetLock(IReadOnlyList<LockedNuGetPackage> packages) => Packages = packages;

    public IReadOnlyList<LockedNuGetPackage> Packages { get; }

    /// <summary>Reads a lock; throws NB3208 when it is not one.</summary>
    public static NuGetLock Parse(string json, string path)
    {
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the top-level value is not an object");
            var frameworks = root["dependencies"] as JsonObject ?? throw new FormatException("it has no 'dependencies' object");
            var packages = new List<LockedNuGetPackage>();
            foreach (var (_, framework) in frameworks)
            {
                foreach (var (id, node) in framework as JsonObject ?? throw new FormatException("a target framework is not an object"))
                {
                    var entry = node as JsonObject ?? throw new FormatException($"'{id}' is not an object");
                    var version = (string?)entry["resolved"] ?? throw new FormatException($"'{id}' has no 'resolved' version");
                    var hash = (string?)entry["contentHash"] ?? throw new FormatException($"'{id}' has no 'contentHash'");
                    packages.Add(new LockedNuGetPackage(id, version, hash, (string?)entry["type"] == "Direct")
                    {
                        Dependencies = (entry["dependencies"] as JsonObject)?.Select(d => d.Key).ToArray() ?? [],
                    });
                }
            }
            return new NuGetLock(packages);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Messages.NB3208_NuGetLockInvalid.Exception(path, e.Message);
        }
    }

    public static NuGetLock Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>
    /// What differs between the directives and the packages the lock was resolved for ("Id 1.0 is not locked",
    /// "Id 2.0 is locked but no notebook asks for it"); empty when the lock is current.
    /// </summary>
    public IReadOnlyList<string> Differences(IReadOnlyList<NuGetDirective> directives)
    {
        var locked = Packages.Where(p => p.Direct).ToDictionary(p => p.Id, p => p.Version, StringComparer.OrdinalIgnoreCase);
        var differences = new List<string>();
        foreach (var d in directives)
        {
            if (!locked.TryGetValue(d.Id, out var version)) differences.Add($"{d.Id} {d.Version} is not locked");
            else if (!string.Equals(version, d.Version, StringComparison.OrdinalIgnoreCase)) differences.Add($"{d.Id} is locked at {version}, not {d.Version}");
        }
        var asked = directives.Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        differences.AddRange(locked.Where(p => !asked.Contains(p.Key)).Select(p => $"{p.Key} {p.Value} is locked but no notebook asks for it"));
        return differences;
    }
}
