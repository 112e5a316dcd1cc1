using System.Text.Json.Nodes;
using Notebook.Dependencies.NuGet;
using Notebook.Documents;
using Notebook.Interactive;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Runner.Tests;

/// <summary>
/// The restore-result cache a C# image carries (Notebook.Interactive.ResultCache), given to the real .NET Interactive
/// kernel through the kernelspec's home seed: every <c>#r "nuget: ..."</c> cell finds its restore done, so nothing is
/// restored. The kernel's own restore would fail here (its package source is an empty folder), so a wrong key or a
/// wrong file fails the cell.
/// </summary>
public sealed class CSharpImageCacheTests(DotnetInteractive kernel) : TempFolderTest, IClassFixture<DotnetInteractive>
{
    [Fact]
    public async Task Each_nuget_cell_of_a_notebook_resolves_from_the_written_cache_including_what_earlier_cells_resolved()
    {
        var dir = NewTempDirectory();
        var machine = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packages = Path.Combine(dir, "packages");
        // Restore and the asset resolution read this: the machine's packages folder as the one feed (this project's
        // restore put the packages there), and a packages folder of the test's own.
        File.WriteAllText(Path.Combine(dir, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{packages}" /></config>
              <packageSources><clear /><add key="machine" value="{machine}" /></packageSources>
            </configuration>
            """);
        var work = Path.Combine(dir, "work");
        var notebookDir = Path.Combine(dir, "notebook");
        Directory.CreateDirectory(notebookDir);
        // AngleSharp.Css brings AngleSharp, which the second cell's restore then names too; neither ships with the
        // kernel or ASP.NET Core, so the assemblies can only come from the cache's paths.
        var path = CSharpKernelTests.WriteNotebook(notebookDir,
            Notebooks.Code("#r \"nuget: AngleSharp.Css, 1.3.1\"\nConsole.WriteLine(typeof(AngleSharp.Css.Dom.ICssStyleSheet).Assembly.Location);"),
            Notebooks.Code("#r \"nuget:YamlDotNet,16.3.0\"\nConsole.WriteLine(typeof(YamlDotNet.RepresentationModel.YamlStream).Assembly.Location + \"|\" + typeof(AngleSharp.Dom.IDocument).Assembly.Location);"));
        var document = NotebookReader.Read(path);
        var (directives, problems) = NuGetDirectiveScanner.Scan([(path, document)]);
        problems.ShouldBeEmpty();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var lockText = await new NuGetRestorer(Path.Combine(work, "lock"), dotnet, TimeSpan.FromMinutes(3)).RestoreAsync(directives, CancellationToken.None);
        var nugetLock = NuGetLock.Parse(lockText, "lock");
        nugetLock.Packages.Select(p => p.Id).Order().ShouldBe(["AngleSharp", "AngleSharp.Css", "YamlDotNet"]);
        var assets = await new NuGetAssetResolver(Path.Combine(work, "assets"), dotnet, TimeSpan.FromMinutes(3)).ResolveAsync(nugetLock.Packages, "linux-x64", [], CancellationToken.None);
        assets.Assets.Where(a => a.Kind == "runtime").Select(a => Path.GetFileName(a.FullPath)).Order()
            .ShouldBe(["AngleSharp.Css.dll", "AngleSharp.dll", "YamlDotNet.dll"]);

        var entries = ResultCache.ForNotebook(NuGetDirectiveScanner.PackagesByCell(document), nugetLock, assets.Assets, "linux-x64", assets.PackagesFolder);
        entries.Count.ShouldBe(2);
        var seed = Path.Combine(dir, "seed");
        var cache = Directory.CreateDirectory(Path.Combine(seed, ".packagemanagement", "nuget", "Cache")).FullName;
        foreach (var entry in entries)
        {
            File.WriteAllText(Path.Combine(cache, entry.Key + ".resolvedReferences.paths"), entry.ResolvedReferences);
            File.WriteAllText(Path.Combine(cache, entry.Key + ".csx"), entry.Script);
        }
        // The kernel's own restore would have nothing to restore from.
        var empty = Directory.CreateDirectory(Path.Combine(dir, "empty-feed")).FullName;
        File.WriteAllText(Path.Combine(notebookDir, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="none" value="{empty}" /></packageSources></configuration>
            """);
        var jupyter = KernelSpecWithSeed(dir, seed);
        var home = Directory.CreateDirectory(Path.Combine(dir, "home")).FullName;

        var result = await RunnerProcess.RunAsync(notebookDir, new Dictionary<string, string>(kernel.Environment)
        {
            ["JUPYTER_PATH"] = jupyter,
            ["HOME"] = home,
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(dir, "kernel-packages")).FullName,
        }, "nb.ipynb");

        result.ExitCode.ShouldBe(0, result.ToString());
        var executed = RunOutputs.In(Path.Combine(notebookDir, "output")).Notebook;
        Notebooks.StreamText(executed, 0).ShouldBe(Path.Combine(packages, "anglesharp.css", "1.3.1", "lib", "net10.0", "AngleSharp.Css.dll") + "\n");
        Notebooks.StreamText(executed, 1).ShouldBe(Path.Combine(packages, "yamldotnet", "16.3.0", "lib", "net8.0", "YamlDotNet.dll") + "|"
            + Path.Combine(packages, "anglesharp", "1.9.0", "lib", "net10.0", "AngleSharp.dll") + "\n");
        // The runner linked the seed into the kernel's HOME; the kernel restored nothing into its packages folder.
        new FileInfo(Path.Combine(home, ".packagemanagement")).LinkTarget.ShouldBe(Path.Combine(seed, ".packagemanagement"));
        Directory.EnumerateFileSystemEntries(Path.Combine(dir, "kernel-packages")).ShouldBeEmpty();
    }

    // The fixture's kernelspec with the image's home seed variable added.
    private string KernelSpecWithSeed(string dir, string seed)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(kernel.JupyterPath, "kernels", ".net-csharp", "kernel.json")))!.AsObject();
        spec["env"]![Notebook.Execution.Kernels.KernelProcess.HomeSeedVariable] = seed;
        var folder = Directory.CreateDirectory(Path.Combine(dir, "jupyter", "kernels", ".net-csharp")).FullName;
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString());
        return Path.Combine(dir, "jupyter");
    }
}
