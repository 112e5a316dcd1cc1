using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Testing;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// samples/csharp-report published by the real SDK onto the e2e Debian base and run in the e2e engine with no
/// network: the .NET runtime, the pinned .NET Interactive kernel and the locked #r "nuget: ..." package come from the
/// image (docs/csharp.md, "The image"). Everything the publish needs comes from a local feed: the machine's packages
/// folder, where this test project's own restore put the runtime packs, the kernel tool and the sample's package.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CSharpImageTests(EngineFixture fixture, ITestOutputHelper log)
{
    [Fact]
    public async Task A_CSharp_notebook_runs_offline_with_its_parameters_and_locked_package_and_exit_codes_as_for_Python()
    {
        using var project = ReportImage.CopySample("csharp-report");
        project.Write("NuGet.config", TestProject.NuGetConfig(SdkFeed.Directory, TestProject.MachinePackages));

        var publish = await project.DotnetAsync(
            ["publish", project.ProjectPath, "-c", "Release", "-v:n",
             $"-p:ContainerRegistry={fixture.Registry.Host}", $"-p:ContainerBaseImage={fixture.BaseImage}"],
            null, TimeSpan.FromMinutes(8));

        publish.ExitCode.ShouldBe(0, publish.Output);
        var locked = JsonNode.Parse(File.ReadAllText(Path.Combine(project.Directory, "notebook-packages.lock.json")))!["dependencies"]!["net10.0"]!["YamlDotNet"]!;
        locked["resolved"]!.GetValue<string>().ShouldBe("16.3.0");
        using var imageJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "bin", "Release", "publish", "image.json")));
        imageJson.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString())
            .ShouldBe(["base", "dotnet-runtime", "dotnet-interactive", "nuget-packages", "runner", "notebooks"]);
        // The SBOM names the runtime, the kernel and the locked package with NuGet's SHA-512, as the lock has it.
        var components = JsonNode.Parse(File.ReadAllBytes(imageJson.RootElement.GetProperty("sbom").GetProperty("path").GetString()!))!["components"]!.AsArray();
        var yaml = components.Single(c => c!["purl"]?.GetValue<string>() == "pkg:nuget/YamlDotNet@16.3.0")!;
        yaml["hashes"]![0]!["content"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(Convert.FromBase64String(locked["contentHash"]!.GetValue<string>())));
        components.Select(c => c!["purl"]?.GetValue<string>()).ShouldContain("pkg:nuget/Microsoft.dotnet-interactive@1.0.712001");
        components.Select(c => c!["purl"]?.GetValue<string>()).ShouldContain("pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@10.0.12");
        var validation = await Notebook.E2E.CycloneDxValidator.ValidateAsync(imageJson.RootElement.GetProperty("sbom").GetProperty("path").GetString()!);
        validation.ExitCode.ShouldBe(0, validation.Output);

        // For docs/benchmarks.md: the compressed layers above the shared base, against the Python sample's.
        var python = await fixture.GetReportImageAsync();
        foreach (var (name, json) in new[] { ("csharp-report", imageJson.RootElement), ("report (Python)", python.ImageJson) })
            log.WriteLine($"{name}: " + string.Join(", ", json.GetProperty("layers").EnumerateArray().Select(l => $"{l.GetProperty("name").GetString()} {l.GetProperty("size").GetInt64()}")));

        var reference = $"{fixture.Registry.Host}/notebooks/csharp-report@{imageJson.RootElement.GetProperty("digest").GetString()}";
        await fixture.Daemon.DockerCheckedAsync(["pull", "-q", reference], TimeSpan.FromMinutes(3));
        using var output = ReportImage.NewOutputFolder();

        // Hardened as a cluster would run it: read-only root, a fresh tmpfs /tmp as HOME, another uid, no capabilities.
        var run = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp", "--user", "4242:4242", "--cap-drop", "ALL",
             "-v", $"{output.Path}:/app/output", reference, "-p", "region=south", "-p", "topN=2"], TimeSpan.FromMinutes(3));

        run.ExitCode.ShouldBe(0, run.Output);
        var notebook = File.ReadAllText(Path.Combine(output.Path, "report.ipynb"));
        var cells = JsonNode.Parse(notebook)!["cells"]!.AsArray();
        var report = cells.Single(c => c!["id"]!.GetValue<string>() == "report")!["outputs"]!.AsArray();
        report.Select(o => o!["output_type"]!.GetValue<string>()).ShouldBe(["stream"]);
        report[0]!["text"]!.ToString().ShouldBe("Top 2 in the south region\n1. red gadget: 160 units\n2. spare part: 130 units\n");
        cells.Count(c => c!["metadata"]?["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "injected-parameters") == true).ShouldBe(1);
        // The kernel's probe stays in the notebook and is left out of the report.
        notebook.ShouldContain("dotnet-interactive-this-cell-");
        var html = File.ReadAllText(Directory.GetFiles(output.Path, "*.html").Single());
        html.ShouldContain("Top 2 in the south region");
        html.ShouldNotContain("dotnet-interactive-this-cell");

        using var failed = ReportImage.NewOutputFolder();
        var failing = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "-v", $"{failed.Path}:/app/output", reference, "-p", "fail=true"], TimeSpan.FromMinutes(3));
        failing.ExitCode.ShouldBe(1, failing.Output);
        failing.Output.ShouldContain("fail was set");

        var bad = await fixture.Daemon.DockerAsync(["run", "--rm", "--network", "none", reference, "-p", "topN=many"], TimeSpan.FromMinutes(2));
        bad.ExitCode.ShouldBe(2, bad.Output);
        bad.Output.ShouldContain("NB2021");

        // No SDK in the image, only the two shared frameworks; the kernel tool kept only this platform's native files.
        var layout = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", reference, "-c",
             "ls /usr/share/dotnet /usr/share/dotnet/shared; ls /opt/notebook-sdk/dotnet-interactive/runtimes"], TimeSpan.FromMinutes(2));
        layout.ExitCode.ShouldBe(0, layout.Output);
        layout.Output.Trim().Split('\n').ShouldBe(["/usr/share/dotnet:", "host", "shared", "", "/usr/share/dotnet/shared:", "Microsoft.AspNetCore.App", "Microsoft.NETCore.App", "linux", "linux-x64", "unix"]);
    }
}
