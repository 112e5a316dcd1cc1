using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.E2E;
using Notebook.Images.Tests.Artifacts;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Publishing;

/// <summary>The CycloneDX SBOM of a publish: its content, checked by the official CycloneDX validator, and its attachment as a referrer.</summary>
public class SbomTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    private static readonly SbomPackage[] Packages =
    [
        new("pandas", "2.2.3", ["bbbb" + new string('b', 60), "aaaa" + new string('a', 60)]),
        new("typing-extensions", "4.12.2+local.1", [new string('c', 64)]),
    ];

    private static NotebookImagePublisher Publisher(IDiagnosticLog log) =>
        new(log, new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry });

    private static NotebookImageOptions WithSbom(PublishProject project) => project.Options with
    {
        Sbom = new SbomOptions(project.Combine("publish", CycloneDxSbom.FileName), Packages) { SdkVersion = "0.1.0" },
    };

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task The_sbom_lists_the_base_by_digest_every_locked_package_the_runner_and_the_notebooks_and_is_valid_CycloneDX_1_5()
    {
        using var client = registry.CreateClient();
        var baseImage = await TestImages.PushBaseAsync(client, "sbom/base", "1");
        using var project = new PublishProject();
        var options = WithSbom(project) with { BaseImage = $"{registry.Host}/sbom/base:1", SourceDateEpoch = "1700000000" };

        var published = (await Publisher(new DiagnosticBag()).PublishAsync(options))!;

        var sbom = published.Sbom.ShouldNotBeNull();
        sbom.Artifact.ShouldBeNull("an OCI layout has no referrers to add it to");
        var validation = await CycloneDxValidator.ValidateAsync(sbom.Path);
        validation.ExitCode.ShouldBe(0, validation.Output);
        var bom = JsonNode.Parse(File.ReadAllBytes(sbom.Path))!;
        bom["specVersion"]!.GetValue<string>().ShouldBe("1.5");
        bom["metadata"]!["timestamp"]!.GetValue<string>().ShouldBe("2023-11-14T22:13:20Z");
        var image = bom["metadata"]!["component"]!;
        image["type"]!.GetValue<string>().ShouldBe("container");
        image["purl"]!.GetValue<string>().ShouldBe($"pkg:oci/report@sha256%3A{Digests.Hex(published.Image.ManifestDigest)}?repository_url=analytics/report");

        var components = bom["components"]!.AsArray().Select(c => c!).ToArray();
        components.Select(c => c["type"]!.GetValue<string>()).ShouldBe(["container", "library", "library", "application", "file"]);
        var baseComponent = components[0];
        baseComponent["version"]!.GetValue<string>().ShouldBe(baseImage.ManifestDigest);
        baseComponent["hashes"]![0]!["content"]!.GetValue<string>().ShouldBe(Digests.Hex(baseImage.ManifestDigest));
        baseComponent["purl"]!.GetValue<string>().ShouldBe($"pkg:oci/base@sha256%3A{Digests.Hex(baseImage.ManifestDigest)}?repository_url={registry.Host.Replace(":", "%3A")}/sbom/base&tag=1");
        components[1]["purl"]!.GetValue<string>().ShouldBe("pkg:pypi/pandas@2.2.3");
        components[1]["hashes"]!.AsArray().Select(h => h!["content"]!.GetValue<string>()).ShouldBe([Packages[0].Sha256[1], Packages[0].Sha256[0]]);
        components[2]["purl"]!.GetValue<string>().ShouldBe("pkg:pypi/typing-extensions@4.12.2%2Blocal.1");
        components[3]["name"]!.GetValue<string>().ShouldBe("nbrun");
        components[3]["version"]!.GetValue<string>().ShouldBe("0.1.0");
        components[3]["purl"]!.GetValue<string>().ShouldBe("pkg:nuget/Notebook.Sdk@0.1.0#tools/linux-x64/nbrun");
        components[3]["hashes"]![0]!["content"]!.GetValue<string>().ShouldBe(Sha256Of(project.Runner));
        components[4]["name"]!.GetValue<string>().ShouldBe("report.ipynb");
        components[4]["hashes"]![0]!["content"]!.GetValue<string>().ShouldBe(Sha256Of(project.Notebook));
        var dependsOn = bom["dependencies"]![0]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        dependsOn.ShouldBe(components.Select(c => c["bom-ref"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_sbom_bytes_and_another_time_or_notebook_another_sbom()
    {
        using var first = new PublishProject();
        using var second = new PublishProject();
        File.SetLastWriteTimeUtc(second.Notebook, new DateTime(2011, 3, 4, 5, 6, 7, DateTimeKind.Utc));

        var a = (await Publisher(new DiagnosticBag()).PublishAsync(WithSbom(first)))!;
        var b = (await Publisher(new DiagnosticBag()).PublishAsync(WithSbom(second)))!;

        File.ReadAllBytes(b.Sbom!.Path).ShouldBe(File.ReadAllBytes(a.Sbom!.Path));
        b.Sbom.Digest.ShouldBe(a.Sbom.Digest);
        var later = (await Publisher(new DiagnosticBag()).PublishAsync(WithSbom(second) with { SourceDateEpoch = "1800000000" }))!;
        later.Sbom!.Digest.ShouldNotBe(a.Sbom.Digest);
        File.WriteAllText(second.Notebook, """{"cells":[],"metadata":{"changed":true},"nbformat":4,"nbformat_minor":5}""");
        var changed = (await Publisher(new DiagnosticBag()).PublishAsync(WithSbom(second)))!;
        changed.Sbom!.Digest.ShouldNotBe(a.Sbom.Digest);
    }

    [Fact]
    public async Task A_pushed_image_gets_the_sbom_as_a_referrer_through_the_tag_fallback_and_keeps_its_digest()
    {
        using var project = new PublishProject();
        var withoutSbom = project.Options with { Registry = registry.Host, Repository = "sbom/report", LayoutPath = null };
        var plain = (await Publisher(new DiagnosticBag()).PublishAsync(withoutSbom))!;
        using var client = registry.CreateClient();
        (await new ReferrersReader(client).ListAsync("sbom/report", plain.Image.ManifestDigest)).ShouldBeEmpty();

        var options = withoutSbom with { Sbom = WithSbom(project).Sbom };
        var published = (await Publisher(new DiagnosticBag()).PublishAsync(options))!;
        var again = (await Publisher(new DiagnosticBag()).PublishAsync(options))!;

        // The SBOM is a referrer, not part of the image.
        published.Image.ManifestDigest.ShouldBe(plain.Image.ManifestDigest);
        var artifact = published.Sbom!.Artifact.ShouldNotBeNull();
        artifact.RegistryIndexedSubject.ShouldBeFalse("distribution 2.8 has no referrers API");
        again.Sbom!.Artifact!.Digest.ShouldBe(artifact.Digest);
        var referrers = await new ReferrersReader(client).ListAsync("sbom/report", published.Image.ManifestDigest, CycloneDxSbom.MediaType);
        referrers.ShouldHaveSingleItem().Digest.ShouldBe(artifact.Digest);

        var manifest = await RegistryReadBack.SkopeoRawAsync(registry.Host, "sbom/report", artifact.Digest);
        manifest["artifactType"]!.GetValue<string>().ShouldBe(CycloneDxSbom.MediaType);
        manifest["subject"]!["digest"]!.GetValue<string>().ShouldBe(published.Image.ManifestDigest);
        manifest["annotations"]![OciArtifact.CreatedAnnotation]!.GetValue<string>().ShouldBe("2000-01-01T00:00:00Z");
        var layer = manifest["layers"]![0]!;
        layer["mediaType"]!.GetValue<string>().ShouldBe(CycloneDxSbom.MediaType);
        layer["digest"]!.GetValue<string>().ShouldBe(published.Sbom.Digest);
        var blob = await RegistryReadBack.BlobAsync(registry.Host, "sbom/report", layer["digest"]!.GetValue<string>());
        blob.ShouldBe(File.ReadAllBytes(published.Sbom.Path));
    }

    [Fact]
    public async Task An_sbom_that_cannot_be_written_is_NB4100_and_none_is_made_without_options()
    {
        using var project = new PublishProject();
        File.WriteAllText(project.Combine("blocker"), "a file where the folder should be");
        var options = project.Options with { Sbom = new SbomOptions(project.Combine("blocker", "sbom.cdx.json"), []) };

        var error = await Should.ThrowAsync<NotebookSdkException>(() => Publisher(new DiagnosticBag()).PublishAsync(options));

        error.Code.ShouldBe("NB4100");
        var none = (await Publisher(new DiagnosticBag()).PublishAsync(project.Options))!;
        none.Sbom.ShouldBeNull();
        Directory.Exists(project.Combine("publish")).ShouldBeFalse();
    }
}
