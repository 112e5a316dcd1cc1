using System.Text.Json;
using Notebook.Images;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>
/// ContainerRuntimeIdentifiers: one OCI image index, per platform the base's own manifest and that platform's runner,
/// the same notebooks layer; reproducible per platform. The base is the fixture's two-platform index of tiny images
/// (an os-release and a label that say which platform they are), which is all these tests look at.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class MultiPlatformTests(PublishFixture fixture)
{
    private static readonly string[] Rids = ["linux-x64", "linux-arm64"];

    private ImageProject Project(string properties)
    {
        var project = new ImageProject($"""
            <Version>1.0.0</Version>
            <ContainerBaseImage>{fixture.MultiPlatformBaseImage}</ContainerBaseImage>
            <NotebookRunnerDirectory>$(MSBuildProjectDirectory)/runners/</NotebookRunnerDirectory>
            {properties}
            """, fakeRunner: false);
        foreach (var rid in Rids) project.Project.Write($"runners/{rid}/nbrun", $"#!/bin/sh\necho fake nbrun for {rid}\n");
        return project;
    }

    [Fact]
    public async Task Two_runtime_identifiers_publish_one_index_whose_platforms_have_their_own_base_and_runner_and_share_the_notebooks()
    {
        const string properties = """
            <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>
            <ContainerRepository>multi/job</ContainerRepository>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """;
        using var first = Project(properties + $"<ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>");
        using var second = Project(properties);
        await first.PublishCheckedAsync();
        await second.PublishCheckedAsync(new Dictionary<string, string?> { ["TZ"] = "Pacific/Kiritimati" });

        var report = first.ImageJson();
        var digest = report.GetProperty("digest").GetString()!;
        report.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciIndex);
        second.ImageJson().GetProperty("digest").GetString().ShouldBe(digest);
        var platforms = report.GetProperty("platforms").EnumerateArray().ToList();
        platforms.Select(p => p.GetProperty("platform").GetString()).ShouldBe(["linux/amd64", "linux/arm64/v8"]);
        second.ImageJson().GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("digest").GetString())
            .ShouldBe(platforms.Select(p => p.GetProperty("digest").GetString()));

        // Read back with skopeo, not with our client: the index, then each platform's image.
        using var index = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--raw", "--tls-verify=false", $"docker://{fixture.Registry.Host}/multi/job:1.0.0"));
        index.RootElement.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciIndex);
        index.RootElement.GetProperty("manifests").GetArrayLength().ShouldBe(2);
        var layers = new Dictionary<string, List<string>>();
        foreach (var (arch, variant, marker) in new[] { ("amd64", "", "amd"), ("arm64", "v8", "arm") })
        {
            string[] overrides = variant == "" ? ["--override-arch", arch] : ["--override-arch", arch, "--override-variant", variant];
            using var inspect = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo",
                ["inspect", "--tls-verify=false", "--override-os", "linux", .. overrides, $"docker://{fixture.Registry.Host}/multi/job:1.0.0"]));
            inspect.RootElement.GetProperty("Architecture").GetString().ShouldBe(arch);
            inspect.RootElement.GetProperty("Labels").GetProperty("base").GetString().ShouldBe(marker);
            layers[arch] = inspect.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList();
        }
        layers["amd64"][0].ShouldBe(fixture.MultiPlatformBase[Platform.LinuxAmd64]);
        layers["arm64"][0].ShouldBe(fixture.MultiPlatformBase[new Platform("linux", "arm64", "v8")]);
        var runnerAmd = Layer(platforms[0], "runner");
        var runnerArm = Layer(platforms[1], "runner");
        runnerArm.ShouldNotBe(runnerAmd);
        Layer(platforms[1], "notebooks").ShouldBe(Layer(platforms[0], "notebooks"));
        layers["arm64"].ShouldContain(runnerArm);

        // The layout of the second checkout names the same index under the tag.
        using var layout = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--raw", $"oci:{Path.Combine(second.Directory, "layout")}:1.0.0"));
        layout.RootElement.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciIndex);
    }

    [Fact]
    public async Task A_single_ContainerRuntimeIdentifier_gives_one_manifest_for_that_platform()
    {
        using var project = Project("""
            <ContainerRuntimeIdentifier>linux-arm64</ContainerRuntimeIdentifier>
            <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """);
        await project.PublishCheckedAsync();

        var report = project.ImageJson();
        report.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciManifest);
        report.TryGetProperty("platforms", out _).ShouldBeFalse();
        using var config = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--config", $"oci:{Path.Combine(project.Directory, "layout")}:1.0.0"));
        config.RootElement.GetProperty("architecture").GetString().ShouldBe("arm64");
        config.RootElement.GetProperty("config").GetProperty("Labels").GetProperty("base").GetString().ShouldBe("arm");
    }

    [Theory]
    [InlineData("<ContainerArchiveOutputPath>$(MSBuildProjectDirectory)/out/job.tar</ContainerArchiveOutputPath>", "NB4150")]
    [InlineData("", "NB4151")]
    [InlineData("<ContainerRuntimeIdentifiers>linux-x64;win-x64</ContainerRuntimeIdentifiers><NotebookImageLayoutPath>layout</NotebookImageLayoutPath>", "NB6050")]
    public async Task What_cannot_hold_several_platforms_says_so_and_nothing_is_published(string destination, string code)
    {
        var rids = destination.Contains("ContainerRuntimeIdentifiers") ? "" : "<ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>";
        using var project = Project(rids + destination);
        var result = await project.PublishAsync();

        result.ExitCode.ShouldNotBe(0, result.Output);
        result.ErrorCodes.ShouldContain(code, result.Output);
        Directory.Exists(Path.Combine(project.Directory, "out")).ShouldBeFalse();
        File.Exists(Path.Combine(project.PublishDirectory, "image.json")).ShouldBeFalse();
    }

    private static string Layer(JsonElement platform, string name) =>
        platform.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name).GetProperty("digest").GetString()!;
}
