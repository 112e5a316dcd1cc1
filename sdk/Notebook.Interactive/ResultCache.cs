using System.Security.Cryptography;
using System.Text;
using Notebook.Dependencies.NuGet;

namespace Notebook.Interactive;

/// <summary>One entry of the kernel's restore-result cache: the file name's key and the two files' text.</summary>
public sealed record ResultCacheEntry(string Key, string ResolvedReferences, string Script);

/// <summary>
/// The .NET Interactive kernel's cache of <c>#r "nuget: ..."</c> restores (FSharp.DependencyManager.Nuget, in
/// <c>~/.packagemanagement/nuget/Cache/</c>), written at publish so that the kernel in the image finds every restore
/// it will ask for already done, and needs neither the SDK nor the network. Each cell with <c>#r "nuget: ..."</c>
/// lines makes the kernel resolve everything asked for so far in the session: the packages of the cell as written,
/// plus every package it resolved before (the ones asked for under the name they were asked with; the others under
/// their lower-case folder name), each at its folder's version. The key is the SHA-256 of
/// <c>Tfm=net10.0:Rid=RID:PackageReferences=...:Ext=.csx</c> (UTF-16) over those references as the kernel formats
/// them, sorted. The entries point at the image's package folder. Tied to the pinned kernel version: the end-to-end
/// test with no network proves the kernel takes them.
/// </summary>
public static class ResultCache
{
    /// <summary>The key the kernel computes for a restore of <paramref name="references"/> (id and version as it passes them).</summary>
    public static string Key(IEnumerable<(string Id, string Version)> references, string runtimeIdentifier, string targetFramework = NuGetRestorer.TargetFramework)
    {
        var text = string.Concat(references
            .Select(r => $"  <ItemGroup><PackageReference Include='{r.Id}' Version='{r.Version}' ExcludeAssets='{NuGetAssetResolver.KernelExcludedAssets}' /></ItemGroup>")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
        var value = $"Tfm={targetFramework}:Rid={runtimeIdentifier}:PackageReferences={text}:Ext=.csx";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.Unicode.GetBytes(value)));
    }

    /// <summary>
    /// The entries for one notebook: one per cell with <c>#r "nuget: ..."</c> lines (<paramref name="cells"/>, in
    /// order), each with the files of the packages asked for so far and of what they depend on, under
    /// <paramref name="packagesDirectory"/> (the image's packages folder).
    /// </summary>
    public static IReadOnlyList<ResultCacheEntry> ForNotebook(IReadOnlyList<IReadOnlyList<(string Id, string Version)>> cells, NuGetLock nugetLock,
        IReadOnlyList<NuGetAsset> assets, string runtimeIdentifier, string packagesDirectory = InteractiveImagePaths.PackagesDirectory)
    {
        string PackageRoot(string id, string version) => $"{packagesDirectory.TrimEnd('/')}/{id.ToLowerInvariant()}/{version.ToLowerInvariant()}/";
        var locked = nugetLock.Packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var assetsById = assets.ToLookup(a => a.PackageId, StringComparer.OrdinalIgnoreCase);
        // What the kernel holds as resolved: lower-case id -> (name it uses, version).
        var resolved = new Dictionary<string, (string Name, string Version)>(StringComparer.OrdinalIgnoreCase);
        var asked = new List<string>();
        var entries = new List<ResultCacheEntry>();
        foreach (var cell in cells)
        {
            var requested = new Dictionary<string, (string Name, string Version)>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, version) in cell)
                requested.TryAdd(id, resolved.TryGetValue(id, out var known) ? known : (id, version));
            var key = Key(requested.Values.Concat(resolved.Values).Select(r => (r.Name, r.Version)), runtimeIdentifier);
            foreach (var id in requested.Keys.Where(id => !asked.Contains(id, StringComparer.OrdinalIgnoreCase))) asked.Add(id);

            var closure = Closure(asked, locked);
            var lines = new List<string>();
            foreach (var package in closure)
            {
                var root = PackageRoot(package.Id, package.Version);
                foreach (var asset in assetsById[package.Id].Where(a => a.Kind == "runtime").OrderBy(a => a.PathInPackage, StringComparer.Ordinal))
                    lines.Add($"{asset.PackageId},{package.Version},{root},{root}{asset.PathInPackage},runtime,False,,");
                foreach (var asset in assetsById[package.Id].Where(a => a.Kind == "native").OrderBy(a => a.PathInPackage, StringComparer.Ordinal))
                    lines.Add($"{asset.PackageId},{package.Version},{root},,native,,,{root}{asset.PathInPackage}");
            }
            foreach (var package in closure.Where(p => asked.Contains(p.Id, StringComparer.OrdinalIgnoreCase)))
                lines.Add($"{NameOf(package, assetsById)},{package.Version},{PackageRoot(package.Id, package.Version)},,package,,,");
            var references = lines.Where(l => l.Split(',')[4] == "runtime").Select(l => l.Split(',')[3]).Distinct(StringComparer.Ordinal);
            var script = "// The kernel's #r \"nuget: ...\" restore, resolved by Notebook.Sdk at publish.\n"
                + string.Concat(references.Select(r => $"#r \"{r}\"\n"));
            entries.Add(new ResultCacheEntry(key, string.Join("\n", lines) + "\n", script));

            // The kernel now holds every package root of the result as resolved.
            foreach (var package in closure.Where(p => asked.Contains(p.Id, StringComparer.OrdinalIgnoreCase) || assetsById[p.Id].Any()))
            {
                var name = requested.TryGetValue(package.Id, out var r) ? r.Name : package.Id.ToLowerInvariant();
                resolved.TryAdd(package.Id, (name, package.Version.ToLowerInvariant()));
            }
        }
        return entries;
    }

    /// <summary>The locked packages reachable from <paramref name="ids"/> through the lock's dependencies, in a stable order.</summary>
    private static IReadOnlyList<LockedNuGetPackage> Closure(IEnumerable<string> ids, IReadOnlyDictionary<string, LockedNuGetPackage> locked)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(ids);
        var result = new List<LockedNuGetPackage>();
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || !locked.TryGetValue(id, out var package)) continue;
            result.Add(package);
            foreach (var dependency in package.Dependencies) queue.Enqueue(dependency);
        }
        return result.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    // The id as the package spells it (the SDK's NuGetPackageId), else as the lock does.
    private static string NameOf(LockedNuGetPackage package, ILookup<string, NuGetAsset> assets) =>
        assets[package.Id].FirstOrDefault()?.PackageId ?? package.Id;
}
