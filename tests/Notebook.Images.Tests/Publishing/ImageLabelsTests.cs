using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Publishing;

public class ImageLabelsTests
{
    [Fact]
    public void Labels_hold_created_the_project_keys_the_notebooks_and_their_schemas_canonical_and_the_lock_digest()
    {
        using var project = new PublishProject();
        var options = project.Options with
        {
            GeneratedLabels = [new("org.opencontainers.image.title", "report")],
            LockDigest = "sha256:abcd",
            SourceDateEpoch = "1700000000",
        };
        var inputs = ImageInputsResolver.Resolve(options, new DiagnosticBag());

        var labels = ImageLabels.Create(inputs, baseImage: null);

        labels.Keys.ShouldBe(
        [
            "dev.notebook-sdk.lock.digest", "dev.notebook-sdk.notebooks", "dev.notebook-sdk.parameters",
            "org.opencontainers.image.created", "org.opencontainers.image.title",
        ]);
        labels["org.opencontainers.image.created"].ShouldBe("2023-11-14T22:13:20Z");
        labels[ImageLabels.Notebooks].ShouldBe("""["report.ipynb"]""");
        labels[ImageLabels.Parameters].ShouldBe("""{"report.ipynb":{"properties":{"top_n":{"default":10,"type":"integer"}},"type":"object"}}""");
        labels[ImageLabels.LockDigest].ShouldBe("sha256:abcd");
    }

    [Fact]
    public async Task The_base_labels_name_the_pulled_base_unless_switched_off()
    {
        await using var registry = new Support.RegistryServer();
        await registry.InitializeAsync();
        using var client = registry.CreateClient();
        var pushed = await Support.TestImages.PushBaseAsync(client, "base", "1");
        var baseImage = await client.PullImageAsync(ImageReference.Parse($"{registry.Host}/base:1"), Platform.LinuxAmd64);
        using var project = new PublishProject();
        var inputs = ImageInputsResolver.Resolve(project.Options, new DiagnosticBag());

        var on = ImageLabels.Create(inputs, baseImage);
        var off = ImageLabels.Create(inputs with { GenerateBaseNameLabel = false, GenerateBaseDigestLabel = false, GenerateCreatedLabel = false }, baseImage);

        on["org.opencontainers.image.base.name"].ShouldBe($"{registry.Host}/base:1");
        on["org.opencontainers.image.base.digest"].ShouldBe(pushed.ManifestDigest);
        off.Keys.ShouldNotContain("org.opencontainers.image.base.name");
        off.Keys.ShouldNotContain("org.opencontainers.image.base.digest");
        off.Keys.ShouldNotContain("org.opencontainers.image.created");
        off.Keys.ShouldContain(ImageLabels.Notebooks);
    }

    [Fact]
    public void Generated_labels_are_dropped_when_ContainerGenerateLabels_is_off()
    {
        using var project = new PublishProject();
        var options = project.Options with { GenerateLabels = false, GeneratedLabels = [new("org.opencontainers.image.title", "report")] };

        var labels = ImageLabels.Create(ImageInputsResolver.Resolve(options, new DiagnosticBag()), null);

        labels.Keys.ShouldBe(["dev.notebook-sdk.notebooks", "dev.notebook-sdk.parameters"]);
    }
}
