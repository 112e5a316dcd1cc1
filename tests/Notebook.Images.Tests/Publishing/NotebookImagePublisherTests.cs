using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Publishing;

/// <summary>The publisher end to end against a real registry (distribution 2.8), an OCI layout and a docker-archive.</summary>
public class NotebookImagePublisherTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    private static NotebookImagePublisher Publisher(IDiagnosticLog log) =>
        new(log, new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry });

    private async Task<string> PushBaseAsync(string repository)
    {
        using var client = registry.CreateClient();
        await TestImages.PushBaseAsync(client, repository, "1");
        return $"{registry.Host}/{repository}:1";
    }

    [Fact]
    public async Task A_push_to_the_registry_mounts_the_base_and_skopeo_reads_the_image_the_layout_and_image_json_describe()
    {
        using var project = new PublishProject();
        var baseImage = await PushBaseAsync("publisher/base");
        var log = new DiagnosticBag();
        var options = project.Options with
        {
            BaseImage = baseImage,
            Registry = registry.Host,
            Repository = "publisher/report",
            ImageJsonPath = project.Combine("publish", "image.json"),
        };

        var published = (await Publisher(log).PublishAsync(options)).ShouldNotBeNull();

        log.Items.ShouldBeEmpty();
        published.Destinations.ShouldBe(["registry", "oci-layout"]);
        published.Push.ShouldNotBeNull().Mounted.Count.ShouldBe(1);
        published.Image.NewLayers.Select(l => l.Name).ShouldBe(["dependencies", "runner", "content", "notebooks"]);
        var inspect = JsonNode.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--tls-verify=false", $"docker://{registry.Host}/publisher/report:1.4"))!;
        inspect["Digest"]!.GetValue<string>().ShouldBe(published.Image.ManifestDigest);
        inspect["Labels"]!["org.opencontainers.image.base.name"]!.GetValue<string>().ShouldBe(baseImage);
        inspect["Layers"]!.AsArray().Count.ShouldBe(5);
        var layout = JsonNode.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", $"oci:{published.LayoutPath}:latest"))!;
        layout["Digest"]!.GetValue<string>().ShouldBe(published.Image.ManifestDigest);

        using var json = JsonDocument.Parse(File.ReadAllBytes(options.ImageJsonPath!));
        json.RootElement.GetProperty("digest").GetString().ShouldBe(published.Image.ManifestDigest);
        json.RootElement.GetProperty("references").GetProperty("digest").GetString().ShouldBe(published.Reference);
        json.RootElement.GetProperty("push").GetProperty("mounted").GetInt32().ShouldBe(1);
        published.Summary("report")[0].ShouldStartWith($"report -> {registry.Host}/publisher/report@sha256:");
    }

    [Fact]
    public async Task The_same_options_give_the_same_digest_in_another_cache_and_a_changed_notebook_changes_only_its_layer()
    {
        using var first = new PublishProject();
        using var second = new PublishProject();
        File.SetLastWriteTimeUtc(second.Notebook, new DateTime(2011, 3, 4, 5, 6, 7, DateTimeKind.Utc));
        var log = new DiagnosticBag();

        var a = (await Publisher(log).PublishAsync(first.Options))!;
        var b = (await Publisher(log).PublishAsync(second.Options))!;

        b.Image.ManifestDigest.ShouldBe(a.Image.ManifestDigest);
        File.WriteAllText(second.Notebook, """{"cells":[],"metadata":{"x":1},"nbformat":4,"nbformat_minor":5}""");
        var c = (await Publisher(log).PublishAsync(second.Options))!;
        c.Image.ManifestDigest.ShouldNotBe(a.Image.ManifestDigest);
        var changed = a.Image.NewLayers.Zip(c.Image.NewLayers).Where(p => p.First.Digest != p.Second.Digest).Select(p => p.First.Name);
        changed.ShouldBe(["notebooks"]);
    }

    [Fact]
    public async Task Item_errors_publish_nothing_and_return_no_result()
    {
        using var project = new PublishProject();
        var log = new DiagnosticBag();

        var published = await Publisher(log).PublishAsync(project.Options with { Ports = [new("x")] });

        published.ShouldBeNull();
        log.Items.ShouldHaveSingleItem().Code.ShouldBe("NB4070");
        Directory.Exists(project.Options.LayoutPath).ShouldBeFalse();
    }

    [Fact]
    public async Task A_pinned_base_that_the_tag_no_longer_names_is_still_pulled_by_its_digest()
    {
        using var client = registry.CreateClient();
        var old = await TestImages.PushBaseAsync(client, "publisher/moving", "1", marker: "old");
        await TestImages.PushBaseAsync(client, "publisher/moving", "1", marker: "new");
        using var project = new PublishProject();

        var published = (await Publisher(new DiagnosticBag()).PublishAsync(project.Options with
        {
            BaseImage = $"{registry.Host}/publisher/moving:1",
            BaseImageDigest = old.ManifestDigest,
        }))!;

        published.Image.BaseDigest.ShouldBe(old.ManifestDigest);
    }

    [Fact]
    public async Task A_docker_archive_lists_every_tag_and_github_actions_get_outputs_and_a_summary()
    {
        using var project = new PublishProject();
        var output = project.Combine("gh", "output");
        var summary = project.Combine("gh", "summary.md");
        Directory.CreateDirectory(project.Combine("gh"));
        var options = project.Options with
        {
            LayoutPath = null,
            ArchiveOutputPath = project.Combine("out") + "/",
            GitHubActions = GitHubActionsFiles.FromEnvironment("true", output, summary),
        };

        var published = (await Publisher(new DiagnosticBag()).PublishAsync(options))!;

        published.ArchivePath.ShouldBe(project.Combine("out", "report.tar"));
        var listed = await Tools.RunCheckedAsync("tar", "-xOf", published.ArchivePath!, "manifest.json");
        JsonNode.Parse(listed)![0]!["RepoTags"]!.AsArray().Select(t => t!.GetValue<string>())
            .ShouldBe(["analytics/report:1.4.0", "analytics/report:1.4", "analytics/report:1", "analytics/report:latest"]);
        var digest = published.Image.ManifestDigest;
        File.ReadAllText(output).ShouldBe($"digest={digest}\nimage=analytics/report@{digest}\ntags=analytics/report:1.4.0,analytics/report:1.4,analytics/report:1,analytics/report:latest\n");
        File.ReadAllText(summary).ShouldContain($"| `analytics/report:1.4` | `{digest}` |");
        GitHubActionsFiles.FromEnvironment("false", output, summary).ShouldBeNull();
    }

    [Fact]
    public async Task A_github_file_that_cannot_be_written_is_a_warning_after_the_image_is_published()
    {
        using var project = new PublishProject();
        var log = new DiagnosticBag();
        var options = project.Options with { GitHubActions = new GitHubActionsFiles(project.Combine("no-such-dir", "output"), null) };

        var published = await Publisher(log).PublishAsync(options);

        published.ShouldNotBeNull();
        log.Items.ShouldHaveSingleItem().Code.ShouldBe("NB4054");
        log.Items[0].Severity.ShouldBe(Severity.Warning);
    }
}
