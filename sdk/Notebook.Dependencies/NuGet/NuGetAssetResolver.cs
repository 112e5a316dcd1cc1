using System.Diagnostics;
using System.Security;
using System.Text;

namespace Notebook.Dependencies.NuGet;

/// <summary>A file of a package that the kernel loads: runtime (a managed assembly) or native, where it is in the package and on disk.</summary>
public sealed record NuGetAsset(string PackageId, string Version, string Kind, string PathInPackage, string FullPath);

/// <summary>What <see cref="NuGetAssetResolver"/> found: the NuGet packages folder, and the kernel's files of every locked package.</summary>
public sealed record NuGetAssets(string PackagesFolder, IReadOnlyList<NuGetAsset> Assets);

/// <summary>
/// Asks NuGet and the .NET SDK which files of the locked packages a .NET Interactive kernel loads on one platform, as
/// the kernel's own <c>#r "nuget: ..."</c> restore would: a generated project (target framework net10.0, the image's
/// runtime identifier, each locked package at its exact version with build assets excluded, as the kernel's project
/// has them) is restored and evaluated up to conflict resolution, and a target writes the runtime and native items
/// the SDK chose. The same project downloads whatever else the image needs from NuGet (the runtime packs, the kernel
/// tool) with <c>PackageDownload</c>, so everything comes from the sources of the project's NuGet.config.
/// </summary>
public sealed class NuGetAssetResolver(string workDirectory, string dotnet, TimeSpan timeout)
{
    /// <summary>The assets the kernel's own generated project excludes from every package reference; its restore key names them too.</summary>
    public const string KernelExcludedAssets = "build;buildTransitive;buildMultitargeting";

    public string WorkDirectory { get; } = workDirectory;

    public async Task<NuGetAssets> ResolveAsync(IReadOnlyList<LockedNuGetPackage> packages, string runtimeIdentifier,
        IReadOnlyList<(string Id, string Version)> downloads, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(WorkDirectory);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            AtomicWrite.WriteIfChanged(Path.Combine(WorkDirectory, name), "<Project />\n"u8);
        var project = Path.Combine(WorkDirectory, "kernel-assets.csproj");
        var output = Path.Combine(WorkDirectory, "kernel-assets.txt");
        AtomicWrite.WriteIfChanged(project, Encoding.UTF8.GetBytes(ProjectXml(packages, runtimeIdentifier, downloads)));
        File.Delete(output);

        var asked = string.Join(", ", packages.Select(p => $"{p.Id} {p.Version}").Concat(downloads.Select(d => $"{d.Id} {d.Version}")));
        var psi = new ProcessStartInfo(dotnet) { WorkingDirectory = WorkDirectory };
        foreach (var a in new[] { "msbuild", project, "-restore", "-t:NotebookWriteKernelAssets", "-nologo", "-v:m", "-nodeReuse:false", "-p:RestoreLockedMode=false" })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        var (exitCode, log) = await BoundedProcess.RunAsync(psi, timeout,
            message => Messages.NB4180_KernelFilesFailed.Exception(runtimeIdentifier, $"'{dotnet}' did not start: {message}", asked),
            () => Messages.NB4181_KernelFilesTimedOut.Exception((int)timeout.TotalSeconds),
            cancellationToken);
        if (exitCode != 0 || !File.Exists(output))
            throw Messages.NB4180_KernelFilesFailed.Exception(runtimeIdentifier, NuGetRestorer.Errors(log), asked);
        return Parse(await File.ReadAllLinesAsync(output, cancellationToken));
    }

    private static NuGetAssets Parse(IEnumerable<string> lines)
    {
        var folder = "";
        var assets = new List<NuGetAsset>();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            var fields = line.Split('|');
            if (fields[0] == "folder") folder = fields[1];
            else if (fields.Length == 5 && fields[1].Length > 0)
                assets.Add(new NuGetAsset(fields[1], fields[2], fields[0], fields[3].Replace('\\', '/'), fields[4]));
        }
        return new NuGetAssets(folder, assets.DistinctBy(a => (a.Kind, a.FullPath)).ToArray());
    }

    private static string ProjectXml(IReadOnlyList<LockedNuGetPackage> packages, string runtimeIdentifier, IReadOnlyList<(string Id, string Version)> downloads)
    {
        var sb = new StringBuilder();
        sb.Append("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");
        sb.Append("    <TargetFramework>").Append(NuGetRestorer.TargetFramework).Append("</TargetFramework>\n");
        sb.Append("    <RuntimeIdentifier>").Append(SecurityElement.Escape(runtimeIdentifier)).Append("</RuntimeIdentifier>\n");
        sb.Append("    <SelfContained>false</SelfContained>\n    <UseAppHost>false</UseAppHost>\n    <ImplicitUsings>disable</ImplicitUsings>\n");
        sb.Append("    <DisableImplicitNuGetFallbackFolder>true</DisableImplicitNuGetFallbackFolder>\n");
        sb.Append("  </PropertyGroup>\n  <ItemGroup>\n");
        foreach (var p in packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
            sb.Append("    <PackageReference Include=\"").Append(SecurityElement.Escape(p.Id)).Append("\" Version=\"[").Append(SecurityElement.Escape(p.Version))
              .Append("]\" ExcludeAssets=\"").Append(KernelExcludedAssets).Append("\" />\n");
        foreach (var (id, version) in downloads)
            sb.Append("    <PackageDownload Include=\"").Append(SecurityElement.Escape(id)).Append("\" Version=\"[").Append(SecurityElement.Escape(version)).Append("]\" />\n");
        sb.Append("  </ItemGroup>\n");
        // After ResolveReferences: conflict resolution has removed what the framework itself provides, as in the kernel's project.
        sb.Append("""
              <Target Name="NotebookWriteKernelAssets" DependsOnTargets="ResolveReferences">
                <ItemGroup>
                  <_NotebookKernelAsset Include="@(RuntimeCopyLocalItems->'runtime|%(NuGetPackageId)|%(NuGetPackageVersion)|%(PathInPackage)|%(FullPath)')" />
                  <_NotebookKernelAsset Include="@(NativeCopyLocalItems->'native|%(NuGetPackageId)|%(NuGetPackageVersion)|%(PathInPackage)|%(FullPath)')" />
                  <_NotebookKernelAsset Include="folder|$(NuGetPackageRoot)" />
                </ItemGroup>
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/kernel-assets.txt" Lines="@(_NotebookKernelAsset)" Overwrite="true" />
              </Target>
            </Project>

            """);
        return sb.ToString();
    }
}
