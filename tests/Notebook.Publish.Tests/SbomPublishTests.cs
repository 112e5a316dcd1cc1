using System.Text.Json;
using Notebook.E2E;
using Notebook.Images;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>`dotnet publish` writes a CycloneDX SBOM into the publish folder and attaches it to the pushed image; ContainerGenerateSbom=false turns it off.</summary>
[Collection(PublishCollection.Name)]
public sealed class SbomPublishTests(PublishFixture fixture)
{
    [Fact]
    public async Task A_pushed_image_has_a_valid_sbom_in_the_publish_folder_and_as_its_referrer_and_the_switch_turns_it_off()
    {
        using var project = new ImageProject($"""
            <Version>2.0.0</Version>
            <ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>
            <ContainerRepository>sbom/job</ContainerRepository>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            """);

        var result = await project.PublishCheckedAsync();

        result.WarningCodes.ShouldBeEmpty(result.Output);
        var path = Path.Combine(project.PublishDirectory, CycloneDxSbom.FileName);
        var validation = await CycloneDxValidator.ValidateAsync(path);
        validation.ExitCode.ShouldBe(0, validation.Output);
        var json = project.ImageJson();
        var digest = json.GetProperty("digest").GetString()!;
        var sbom = json.GetProperty("sbom");
        sbom.GetProperty("path").GetString().ShouldBe(path);
        var artifact = sbom.GetProperty("artifact").GetString()!;
        using (var bom = JsonDocument.Parse(File.ReadAllBytes(path)))
        {
            bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("hashes")[0].GetProperty("content").GetString()
                .ShouldBe(Digests.Hex(digest));
            var names = bom.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
            names.ShouldBe([$"{fixture.Registry.Host}/base", "nbrun", "report.ipynb"]);
        }

        using var client = fixture.Registry.CreateClient();
        var referrers = await new ReferrersReader(client).ListAsync("sbom/job", digest, CycloneDxSbom.MediaType);
        referrers.ShouldHaveSingleItem().Digest.ShouldBe(artifact);

        // Off: no file, no new referrer, the same image.
        File.Delete(path);
        var off = await project.PublishCheckedAsync(null, "-p:ContainerGenerateSbom=false");
        off.WarningCodes.ShouldBeEmpty(off.Output);
        File.Exists(path).ShouldBeFalse();
        project.ImageJson().GetProperty("digest").GetString().ShouldBe(digest);
        project.ImageJson().TryGetProperty("sbom", out _).ShouldBeFalse();
        (await new ReferrersReader(client).ListAsync("sbom/job", digest)).ShouldHaveSingleItem();
    }
}
