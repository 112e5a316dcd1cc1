using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Dependencies.NuGet;
using Notebook.Images;

namespace Notebook.Interactive;

/// <summary>
/// The three layers that let an image run C# notebooks offline, written as <see cref="LayerPlan"/> files for the
/// publish: <c>dotnet-runtime</c> (the .NET and ASP.NET Core shared frameworks and hostfxr from the runtime packs, at
/// /usr/share/dotnet), <c>dotnet-interactive</c> (the kernel tool without the other platforms' native files, a launcher
/// made from the app host, the kernelspec) and, when notebooks use <c>#r "nuget: ..."</c>, <c>nuget-packages</c> (the
/// locked packages' runtime and native files in the packages-folder layout, and the kernel's restore-result cache).
/// Bottom to top in that order: the runtime changes least.
/// </summary>
public static class InteractiveLayers
{
    private const string ToolDll = "Microsoft.DotNet.Interactive.App.dll";

    public static IReadOnlyList<string> Write(InteractiveImageRequest request, NuGetAssets assets)
    {
        if (request.RuntimeIdentifier is not ("linux-x64" or "linux-arm64"))
            throw Messages.NB4186_UnsupportedKernelPlatform.Exception(request.RuntimeIdentifier);
        var folder = assets.PackagesFolder;
        var generated = Path.Combine(request.OutputDirectory, "files");
        Directory.CreateDirectory(generated);
        var plans = new List<string>();

        var runtime = Path.Combine(request.OutputDirectory, "dotnet-runtime.layer.json");
        LayerPlan.Write(runtime, "dotnet-runtime", RuntimeEntries(request, folder), [
            Listed(folder, $"Microsoft.NETCore.App.Runtime.{request.RuntimeIdentifier}", request.RuntimeVersion, "the .NET runtime, at " + InteractiveImagePaths.DotnetRoot),
            Listed(folder, $"Microsoft.AspNetCore.App.Runtime.{request.RuntimeIdentifier}", request.RuntimeVersion, "the ASP.NET Core runtime the kernel needs"),
        ]);
        plans.Add(runtime);

        var tool = Path.Combine(request.OutputDirectory, "dotnet-interactive.layer.json");
        LayerPlan.Write(tool, "dotnet-interactive", ToolEntries(request, folder, generated), [
            Listed(folder, InteractiveImageRequest.ToolPackageId, request.ToolVersion, "the .NET Interactive kernel, at " + InteractiveImagePaths.ToolDirectory),
            Listed(folder, $"Microsoft.NETCore.App.Host.{request.RuntimeIdentifier}", request.RuntimeVersion, "the app host the kernel's launcher is made from"),
        ]);
        plans.Add(tool);

        if (request.Lock is { Packages.Count: > 0 } nugetLock)
        {
            var packages = Path.Combine(request.OutputDirectory, "nuget-packages.layer.json");
            LayerPlan.Write(packages, "nuget-packages", PackageEntries(request, nugetLock, assets, generated),
                nugetLock.Packages.Select(p => new SbomNuGetPackage(p.Id, p.Version, p.ContentHash,
                    p.Direct ? "a #r \"nuget: ...\" package of the notebooks" : "a package the notebooks' packages depend on")));
            plans.Add(packages);
        }
        return plans;
    }

    /// <summary>The kernelspec: the launcher, no HTTP server beyond loopback, workstation GC, telemetry off, the cache seed.</summary>
    public static string KernelSpecJson(bool invariantGlobalization)
    {
        var env = new JsonObject
        {
            ["DOTNET_ROOT"] = InteractiveImagePaths.DotnetRoot,
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["NOTEBOOK_KERNEL_HOME_SEED"] = InteractiveImagePaths.HomeSeed,
        };
        if (invariantGlobalization) env["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(InteractiveImagePaths.Launcher, "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["env"] = env,
        };
        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static IEnumerable<LayerEntry> RuntimeEntries(InteractiveImageRequest request, string folder)
    {
        var rid = request.RuntimeIdentifier;
        var version = request.RuntimeVersion;
        var core = PackageFolder(folder, $"Microsoft.NETCore.App.Runtime.{rid}", version);
        var asp = PackageFolder(folder, $"Microsoft.AspNetCore.App.Runtime.{rid}", version);
        var shared = $"{InteractiveImagePaths.DotnetRoot}/shared";
        foreach (var file in Files(Path.Combine(core, "runtimes", rid, "native")))
        {
            yield return Path.GetFileName(file) == "libhostfxr.so"
                ? LayerEntry.FromFile($"{InteractiveImagePaths.DotnetRoot}/host/fxr/{version}/libhostfxr.so", file, executable: true)
                : LayerEntry.FromFile($"{shared}/Microsoft.NETCore.App/{version}/{Path.GetFileName(file)}", file, executable: true);
        }
        foreach (var file in Files(Path.Combine(core, "runtimes", rid, "lib", NuGetRestorer.TargetFramework)))
            yield return LayerEntry.FromFile($"{shared}/Microsoft.NETCore.App/{version}/{Path.GetFileName(file)}", file);
        foreach (var file in Files(Path.Combine(asp, "runtimes", rid, "lib", NuGetRestorer.TargetFramework)))
            yield return LayerEntry.FromFile($"{shared}/Microsoft.AspNetCore.App/{version}/{Path.GetFileName(file)}", file);
    }

    private static IEnumerable<LayerEntry> ToolEntries(InteractiveImageRequest request, string folder, string generated)
    {
        var tool = Path.Combine(PackageFolder(folder, InteractiveImageRequest.ToolPackageId, request.ToolVersion), "tools", NuGetRestorer.TargetFramework, "any");
        if (!File.Exists(Path.Combine(tool, ToolDll)))
            throw Messages.NB4180_KernelFilesFailed.Exception(request.RuntimeIdentifier, $"'{tool}' has no {ToolDll}", $"{InteractiveImageRequest.ToolPackageId} {request.ToolVersion}");
        // runtimes/<rid>/ of the other platforms are dead weight: the kernel resolves native files by this platform's chain.
        string[] keep = [request.RuntimeIdentifier, "linux", "unix"];
        foreach (var file in Files(tool))
        {
            var relative = Path.GetRelativePath(tool, file).Replace('\\', '/');
            if (relative.StartsWith("runtimes/", StringComparison.Ordinal) && !keep.Contains(relative.Split('/')[1])) continue;
            if (IsOtherCulture(relative, request.SatelliteResourceLanguages)) continue;
            yield return LayerEntry.FromFile($"{InteractiveImagePaths.ToolDirectory}/{relative}", file, executable: relative.Contains("/native/", StringComparison.Ordinal));
        }

        var host = Path.Combine(PackageFolder(folder, $"Microsoft.NETCore.App.Host.{request.RuntimeIdentifier}", request.RuntimeVersion), "runtimes", request.RuntimeIdentifier, "native", "apphost");
        var launcher = Path.Combine(generated, "dotnet-interactive");
        AtomicWrite.WriteIfChanged(launcher, AppHost.Bind(host, ToolDll));
        yield return LayerEntry.FromFile(InteractiveImagePaths.Launcher, launcher, executable: true);

        var spec = Path.Combine(generated, "kernel.json");
        AtomicWrite.WriteIfChanged(spec, System.Text.Encoding.UTF8.GetBytes(KernelSpecJson(request.InvariantGlobalization)));
        yield return LayerEntry.FromFile(InteractiveImagePaths.KernelSpecDirectory + "/kernel.json", spec);
    }

    private static IEnumerable<LayerEntry> PackageEntries(InteractiveImageRequest request, NuGetLock nugetLock, NuGetAssets assets, string generated)
    {
        var byId = assets.Assets.ToLookup(a => a.PackageId, StringComparer.OrdinalIgnoreCase);
        foreach (var package in nugetLock.Packages)
        {
            var source = PackageFolder(assets.PackagesFolder, package.Id, package.Version);
            if (!Directory.Exists(source)) throw Messages.NB4185_KernelPackageMissing.Exception(package.Id, package.Version, assets.PackagesFolder);
            var root = InteractiveImagePaths.PackageRoot(package.Id, package.Version).TrimEnd('/');
            yield return LayerEntry.Directory(root);
            foreach (var nuspec in Directory.EnumerateFiles(source, "*.nuspec"))
                yield return LayerEntry.FromFile($"{root}/{Path.GetFileName(nuspec)}", nuspec);
            foreach (var asset in byId[package.Id].Where(a => string.Equals(a.Version, package.Version, StringComparison.OrdinalIgnoreCase)))
                yield return LayerEntry.FromFile($"{root}/{asset.PathInPackage}", asset.FullPath, executable: asset.Kind == "native");
        }

        var cache = Path.Combine(generated, "cache");
        Directory.CreateDirectory(cache);
        var entries = request.Notebooks
            .SelectMany(n => ResultCache.ForNotebook(NuGetDirectiveScanner.PackagesByCell(n), nugetLock, assets.Assets, request.RuntimeIdentifier))
            .DistinctBy(e => e.Key);
        foreach (var entry in entries)
        {
            foreach (var (suffix, text) in new[] { (".resolvedReferences.paths", entry.ResolvedReferences), (".csx", entry.Script) })
            {
                var file = Path.Combine(cache, entry.Key + suffix);
                AtomicWrite.WriteIfChanged(file, System.Text.Encoding.UTF8.GetBytes(text));
                yield return LayerEntry.FromFile($"{InteractiveImagePaths.HomeSeed}/.packagemanagement/nuget/Cache/{entry.Key}{suffix}", file);
            }
        }
    }

    // A satellite assembly (CULTURE/Name.resources.dll) of a culture SatelliteResourceLanguages leaves out.
    private static bool IsOtherCulture(string relative, IReadOnlyList<string> languages)
    {
        var parts = relative.Split('/');
        return languages.Count > 0 && parts.Length == 2 && parts[1].EndsWith(".resources.dll", StringComparison.OrdinalIgnoreCase)
            && !languages.Contains(parts[0], StringComparer.OrdinalIgnoreCase);
    }

    private static SbomNuGetPackage Listed(string folder, string id, string version, string description)
    {
        var metadata = Path.Combine(PackageFolder(folder, id, version), ".nupkg.metadata");
        var hash = File.Exists(metadata) ? (string?)JsonNode.Parse(File.ReadAllText(metadata))?["contentHash"] ?? "" : "";
        return new SbomNuGetPackage(id, version, hash, description);
    }

    private static string PackageFolder(string folder, string id, string version) =>
        Path.Combine(folder, id.ToLowerInvariant(), version.ToLowerInvariant());

    private static IEnumerable<string> Files(string directory)
    {
        if (!Directory.Exists(directory))
            throw Messages.NB4180_KernelFilesFailed.Exception(Path.GetFileName(directory), $"the package folder '{directory}' does not exist (the package download did not lay it out)", "the runtime packs and the kernel tool");
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
    }
}
