using System.Text.Json;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

[Collection(PublishCollection.Name)]
public sealed class LocalDestinationTests(PublishFixture fixture)
{
    [Fact]
    public async Task Oci_layout_holds_the_image_under_its_prerelease_tag_only()
    {
        using var project = new ImageProject($"""
            <Version>2.0.0-beta.1</Version>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """);

        await project.PublishCheckedAsync();

        var layout = Path.Combine(project.Directory, "layout");
        var json = project.ImageJson();
        Strings(json.GetProperty("tags")).ShouldBe(["2.0.0-beta.1"]);
        Strings(json.GetProperty("destinations")).ShouldBe(["oci-layout"]);
        json.GetProperty("registry").ValueKind.ShouldBe(JsonValueKind.Null);
        var inspect = await Skopeo.InspectAsync($"oci:{layout}:2.0.0-beta.1");
        inspect.GetProperty("Digest").GetString().ShouldBe(json.GetProperty("digest").GetString());
        inspect.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString().ShouldBe("2.0.0-beta.1");
        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json"))).RootElement;
        index.GetProperty("manifests").GetArrayLength().ShouldBe(1);

        // What a numeric non-root user meets in the image: an executable runner, a writable output folder.
        string Listing(string layer) => Path.Combine(layout, "blobs", "sha256",
            json.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == layer).GetProperty("digest").GetString()!["sha256:".Length..]);
        var runner = await Tools.RunCheckedAsync("tar", "-tvzf", Listing("runner"), "--numeric-owner");
        runner.ShouldContain("-rwxr-xr-x 0/0");
        runner.ShouldContain("usr/local/bin/nbrun");
        var app = await Tools.RunCheckedAsync("tar", "-tvzf", Listing("notebooks"), "--numeric-owner");
        app.Split('\n').ShouldContain(l => l.StartsWith("drwxrwxrwt 0/0") && l.EndsWith(" app/output/"));
        app.ShouldContain(" app/report.ipynb");
        app.ShouldContain(" app/report.parameters.json");
        app.ShouldContain("2000-01-01 00:00");
    }

    [Fact]
    public async Task Archive_is_readable_and_GitHub_Actions_gets_outputs_and_a_summary()
    {
        using var project = new ImageProject($"""
            <Version>1.4.0</Version>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <ContainerArchiveOutputPath>$(MSBuildProjectDirectory)/out/</ContainerArchiveOutputPath>
            """);
        var output = project.Project.Write("gh/output", "earlier=1\n");
        var summary = project.Project.Write("gh/summary.md", "");

        await project.PublishCheckedAsync(new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_OUTPUT"] = output,
            ["GITHUB_STEP_SUMMARY"] = summary,
        });

        var archive = Path.Combine(project.Directory, "out", "job.tar");
        var json = project.ImageJson();
        var digest = json.GetProperty("digest").GetString()!;
        json.GetProperty("archive").GetString().ShouldBe(archive);
        var inspect = await Skopeo.InspectAsync($"docker-archive:{archive}");
        inspect.GetProperty("Labels").GetProperty("dev.notebook-sdk.notebooks").GetString().ShouldBe("""["report.ipynb"]""");
        var config = await Skopeo.ConfigAsync($"docker-archive:{archive}");
        config.GetProperty("config").GetProperty("User").GetString().ShouldBe("1000:1000");
        (await Tools.RunCheckedAsync("tar", "-tf", archive)).ShouldContain("manifest.json");

        File.ReadAllLines(output).ShouldBe(["earlier=1", $"digest={digest}", $"image=job@{digest}", "tags=job:1.4.0,job:1.4,job:1,job:latest"]);
        var table = File.ReadAllText(summary);
        table.ShouldContain("| reference | digest |");
        table.ShouldContain($"| `job:1.4.0` | `{digest}` |");
    }

    [Fact]
    public async Task Without_a_destination_the_image_is_loaded_into_the_Docker_engine()
    {
        await using var engine = new EngineLifetime();
        await engine.Server.InitializeAsync();
        using var project = new ImageProject($"""
            <Version>1.4.0</Version>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            """);

        await project.PublishCheckedAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.Server.DockerHost });

        var json = project.ImageJson();
        Strings(json.GetProperty("destinations")).ShouldBe(["docker"]);
        var inspect = await Tools.RunCheckedAsync("docker", "-H", engine.Server.DockerHost, "image", "inspect", "job:1.4");
        var image = JsonDocument.Parse(inspect).RootElement[0];
        image.GetProperty("Id").GetString().ShouldBe(json.GetProperty("config").GetProperty("digest").GetString());
        image.GetProperty("Config").GetProperty("User").GetString().ShouldBe("1000:1000");
    }

    [Fact]
    public async Task Without_a_destination_or_an_engine_the_publish_fails_with_NB4020()
    {
        using var project = new ImageProject($"<ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>");

        var result = await project.PublishAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent.sock" });

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB4020"], result.Output);
        result.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_malformed_SOURCE_DATE_EPOCH_is_NB4003()
    {
        using var project = new ImageProject($"""
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """);

        var result = await project.PublishAsync(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "2026-11-22" });

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB4003"], result.Output);
        Directory.Exists(Path.Combine(project.Directory, "layout")).ShouldBeFalse();
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private sealed class EngineLifetime : IAsyncDisposable
    {
        public DockerEngineServer Server { get; } = new();

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }
}
