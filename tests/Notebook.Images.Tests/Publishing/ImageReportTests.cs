using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Publishing;

public class ImageReportTests
{
    private static async Task<PublishedImage> PublishToLayoutAsync(PublishProject project, NotebookImageOptions? options = null) =>
        (await new NotebookImagePublisher(new DiagnosticBag()).PublishAsync(options ?? project.Options))!;

    [Fact]
    public async Task Image_json_names_the_image_its_tags_config_and_layers_and_is_the_same_bytes_when_nothing_changed()
    {
        using var project = new PublishProject();
        var path = project.Combine("publish", "image.json");
        var published = await PublishToLayoutAsync(project, project.Options with { ImageJsonPath = path });
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        await PublishToLayoutAsync(project, project.Options with { ImageJsonPath = path });

        // Rewritten only when its bytes change, so what depends on it stays up to date.
        File.GetLastWriteTimeUtc(path).ShouldBe(written.AddHours(-1));
        var report = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        report.Select(p => p.Key).ShouldBe(["version", "registry", "repository", "name", "tags", "digest", "mediaType", "references", "config", "base", "layers", "destinations", "ociLayout"]);
        report["version"]!.GetValue<int>().ShouldBe(ImageReport.FormatVersion);
        report["registry"].ShouldBeNull();
        report["base"].ShouldBeNull();
        report["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["1.4.0", "1.4", "1", "latest"]);
        report["references"]!["tags"]![0]!.GetValue<string>().ShouldBe("analytics/report:1.4.0");
        report["config"]!["digest"]!.GetValue<string>().ShouldBe(published.Image.ConfigDigest);
        var layers = report["layers"]!.AsArray();
        layers.Select(l => l!["name"]!.GetValue<string>()).ShouldBe(["dependencies", "runner", "content", "notebooks"]);
        layers.Select(l => l!["digest"]!.GetValue<string>()).ShouldBe(published.Image.LayerDigests);
        report["destinations"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["oci-layout"]);
        ImageReport.Serialize(ImageReport.Create(published)).ShouldBe(File.ReadAllBytes(path));
    }

    [Fact]
    public async Task The_github_summary_without_tags_names_the_image_once()
    {
        using var project = new PublishProject();
        var published = await PublishToLayoutAsync(project);
        var untagged = published with { Inputs = published.Inputs with { Tags = [] } };

        GitHubActionsReport.Summary(untagged).ShouldContain($"| `analytics/report` | `{published.Image.ManifestDigest}` |");
        GitHubActionsReport.Summary(published).ShouldEndWith("Published to: oci-layout.\n\n");
    }
}
