using System.Text.Json;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

[Collection(PublishCollection.Name)]
public sealed class RegistryPublishTests(PublishFixture fixture)
{
    [Fact]
    public async Task Publish_pushes_the_image_with_config_labels_tags_and_image_json_and_a_repush_uploads_nothing()
    {
        using var project = new ImageProject($"""
            <Version>1.4.0</Version>
            <ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>
            <ContainerRepository>analytics/daily-report</ContainerRepository>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <SourceRevisionId>0123abcd</SourceRevisionId>
            <RepositoryUrl>https://example.com/analytics/daily-report.git</RepositoryUrl>
            """, """
            <ContainerEnvironmentVariable Include="TOP_N" Value="5" />
            <ContainerLabel Include="org.example.team" Value="analytics" />
            <NotebookContent Include="data/**" />
            """, name: "Daily-Report");
        project.Project.Write("data/regions.csv", "region\nnorth\n");

        var first = await project.PublishCheckedAsync();
        first.WarningCodes.ShouldBeEmpty(first.Output);
        var repository = $"docker://{fixture.Registry.Host}/analytics/daily-report";

        var json = project.ImageJson();
        var digest = json.GetProperty("digest").GetString()!;
        digest.ShouldStartWith("sha256:");
        json.GetProperty("registry").GetString().ShouldBe(fixture.Registry.Host);
        json.GetProperty("repository").GetString().ShouldBe("analytics/daily-report");
        Strings(json.GetProperty("tags")).ShouldBe(["1.4.0", "1.4", "1", "latest"]);
        json.GetProperty("references").GetProperty("digest").GetString().ShouldBe($"{fixture.Registry.Host}/analytics/daily-report@{digest}");
        Strings(json.GetProperty("references").GetProperty("tags")).ShouldContain($"{fixture.Registry.Host}/analytics/daily-report:1.4");
        json.GetProperty("base").GetProperty("digest").GetString().ShouldBe(fixture.BaseDigest);
        json.GetProperty("base").GetProperty("name").GetString().ShouldBe(fixture.BaseImage);
        json.GetProperty("config").GetProperty("digest").GetString()!.ShouldStartWith("sha256:");
        json.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ShouldBe(["base", "runner", "content", "notebooks"]);
        json.GetProperty("push").GetProperty("uploaded").GetInt32().ShouldBeGreaterThan(0);
        json.GetProperty("push").GetProperty("mounted").GetInt32().ShouldBe(1, "the base layer lives in the same registry");

        // The SBOM's referrers tag (distribution 2.8 has no referrers API) sits beside the version tags.
        (await Skopeo.TagsAsync(repository)).ShouldBe(["1", "1.4", "1.4.0", "latest", Notebook.Images.ReferrersIndex.TagFor(digest)]);
        var inspect = await Skopeo.InspectAsync(repository + ":1.4.0", "--tls-verify=false");
        inspect.GetProperty("Digest").GetString().ShouldBe(digest);
        var config = (await Skopeo.ConfigAsync(repository + ":1", "--tls-verify=false")).GetProperty("config");
        Strings(config.GetProperty("Entrypoint")).ShouldBe(["/usr/local/bin/nbrun"]);
        config.TryGetProperty("Cmd", out _).ShouldBeFalse("the base's Cmd belonged to its entrypoint");
        config.GetProperty("User").GetString().ShouldBe("1000:1000");
        config.GetProperty("WorkingDir").GetString().ShouldBe("/app");
        var env = Strings(config.GetProperty("Env"));
        env.ShouldContain("PATH=/usr/bin:/bin");
        env.ShouldContain("PYTHONPATH=/opt/notebook-sdk/site-packages");
        env.ShouldContain("HOME=/tmp");
        env.ShouldContain("IPYTHONDIR=/tmp/.ipython");
        env.ShouldContain("JUPYTER_RUNTIME_DIR=/tmp/.jupyter/runtime");
        env.ShouldContain("TOP_N=5");

        var labels = config.GetProperty("Labels");
        var annotations = (await Skopeo.ManifestAsync(repository + "@" + digest, "--tls-verify=false")).GetProperty("annotations");
        foreach (var keys in new[] { labels, annotations })
        {
            keys.GetProperty("org.opencontainers.image.version").GetString().ShouldBe("1.4.0");
            keys.GetProperty("org.opencontainers.image.revision").GetString().ShouldBe("0123abcd");
            keys.GetProperty("org.opencontainers.image.source").GetString().ShouldBe("https://example.com/analytics/daily-report.git");
            keys.GetProperty("org.opencontainers.image.created").GetString().ShouldBe("2000-01-01T00:00:00Z");
            keys.GetProperty("org.opencontainers.image.title").GetString().ShouldBe("Daily-Report");
            keys.GetProperty("org.opencontainers.image.base.name").GetString().ShouldBe(fixture.BaseImage);
            keys.GetProperty("org.opencontainers.image.base.digest").GetString().ShouldBe(fixture.BaseDigest);
            keys.GetProperty("dev.notebook-sdk.notebooks").GetString().ShouldBe("""["report.ipynb"]""");
            var parameters = JsonDocument.Parse(keys.GetProperty("dev.notebook-sdk.parameters").GetString()!).RootElement;
            parameters.GetProperty("report.ipynb").GetRawText().ShouldContain("top_n");
            keys.TryGetProperty("dev.notebook-sdk.lock.digest", out _).ShouldBeFalse("no lock until the dependencies issue");
        }
        labels.GetProperty("org.example.team").GetString().ShouldBe("analytics");
        labels.GetProperty("base").GetString().ShouldBe("tiny", "base labels are kept");

        // Nothing changed: every blob is already there.
        var second = await project.PublishCheckedAsync();
        var again = project.ImageJson();
        again.GetProperty("digest").GetString().ShouldBe(digest);
        again.GetProperty("push").GetProperty("uploaded").GetInt32().ShouldBe(0);
        again.GetProperty("push").GetProperty("uploadedBytes").GetInt64().ShouldBe(0);
        second.Output.ShouldContain("0 blobs uploaded (0 bytes)");
    }

    [Fact]
    public async Task ContainerImageTags_replace_the_version_tags_and_a_missing_runner_is_a_warning()
    {
        using var project = new ImageProject($"""
            <Version>1.4.0</Version>
            <ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <ContainerImageTags>nightly;2026.11.22</ContainerImageTags>
            <NotebookRunnerPath>$(MSBuildProjectDirectory)/no/such/nbrun</NotebookRunnerPath>
            """, fakeRunner: false);

        var result = await project.PublishCheckedAsync();

        result.WarningCodes.ShouldBe(["NB4050"]);
        var json = project.ImageJson();
        (await Skopeo.TagsAsync($"docker://{fixture.Registry.Host}/job"))
            .ShouldBe(["2026.11.22", "nightly", Notebook.Images.ReferrersIndex.TagFor(json.GetProperty("digest").GetString()!)]);
        Strings(json.GetProperty("tags")).ShouldBe(["nightly", "2026.11.22"]);
        var runner = json.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "runner");
        runner.GetProperty("size").GetInt64().ShouldBeLessThan(100, "an empty tar, gzip'd");
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
