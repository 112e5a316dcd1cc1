using System.Text.Json;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>
/// Image labels from the project's own metadata and from Source Link, with the defaults and ContainerGenerateLabels*
/// switches of the .NET SDK's container targets; the manifest annotations carry the same keys.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class LabelTests(PublishFixture fixture)
{
    private const string Oci = "org.opencontainers.image.";

    [Fact]
    public async Task Labels_come_from_the_project_metadata_and_Source_Link_when_PublishRepositoryUrl_is_set()
    {
        using var project = Project("""
            <Description>Daily figures per region.</Description>
            <Authors>Analytics team</Authors>
            <Title>Daily report</Title>
            <PackageLicenseExpression>MIT</PackageLicenseExpression>
            <PackageProjectUrl>https://example.com/daily</PackageProjectUrl>
            <ContainerVendor>Example Corp</ContainerVendor>
            <PublishRepositoryUrl>true</PublishRepositoryUrl>
            """);
        await Git(project, "init", "-q");
        await Git(project, "remote", "add", "origin", "https://github.com/example/daily.git");
        await Git(project, "add", "-A");
        await Git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        var commit = (await Git(project, "rev-parse", "HEAD")).Trim();

        await project.PublishCheckedAsync();

        var labels = await LabelsAsync(project);
        labels[Oci + "description"].ShouldBe("Daily figures per region.");
        labels[Oci + "authors"].ShouldBe("Analytics team");
        labels[Oci + "title"].ShouldBe("Daily report");
        labels[Oci + "licenses"].ShouldBe("MIT");
        labels[Oci + "url"].ShouldBe("https://example.com/daily");
        labels[Oci + "documentation"].ShouldBe("https://example.com/daily");
        labels[Oci + "vendor"].ShouldBe("Example Corp");
        labels[Oci + "version"].ShouldBe("1.0.0");
        labels[Oci + "source"].ShouldBe("https://github.com/example/daily");
        labels[Oci + "revision"].ShouldBe(commit);
        var annotations = await AnnotationsAsync(project);
        foreach (var key in new[] { "description", "authors", "source", "revision" }) annotations[Oci + key].ShouldBe(labels[Oci + key]);
    }

    [Fact]
    public async Task Each_switch_drops_its_label_and_ContainerGenerateLabels_false_drops_them_all_but_the_SDK_keys()
    {
        using var some = Project("""
            <Description>Daily figures.</Description>
            <ContainerGenerateLabelsImageAuthors>false</ContainerGenerateLabelsImageAuthors>
            <ContainerGenerateLabelsImageCreated>false</ContainerGenerateLabelsImageCreated>
            <ContainerGenerateLabelsImageBaseDigest>false</ContainerGenerateLabelsImageBaseDigest>
            """);
        using var none = Project("""
            <Description>Daily figures.</Description>
            <ContainerGenerateLabels>false</ContainerGenerateLabels>
            """);

        await some.PublishCheckedAsync();
        await none.PublishCheckedAsync();

        var labels = await LabelsAsync(some);
        labels.Keys.ShouldNotContain(Oci + "authors");
        labels.Keys.ShouldNotContain(Oci + "created");
        labels.Keys.ShouldNotContain(Oci + "base.digest");
        labels[Oci + "description"].ShouldBe("Daily figures.");
        labels[Oci + "base.name"].ShouldBe(fixture.BaseImage);
        labels[Oci + "title"].ShouldBe("job");
        (await AnnotationsAsync(some)).Keys.ShouldNotContain(Oci + "authors");

        var bare = await LabelsAsync(none);
        bare.Keys.ShouldNotContain(k => k.StartsWith(Oci, StringComparison.Ordinal));
        bare.Keys.ShouldContain("dev.notebook-sdk.notebooks");
        none.ImageJson().GetProperty("digest").GetString().ShouldNotBe(some.ImageJson().GetProperty("digest").GetString());
    }

    private ImageProject Project(string properties) => new($"""
        <Version>1.0.0</Version>
        <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
        <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
        {properties}
        """);

    private static async Task<Dictionary<string, string>> LabelsAsync(ImageProject project) =>
        Strings((await Skopeo.InspectAsync($"oci:{Path.Combine(project.Directory, "layout")}:1.0.0")).GetProperty("Labels"));

    private static async Task<Dictionary<string, string>> AnnotationsAsync(ImageProject project) =>
        Strings((await Skopeo.ManifestAsync($"oci:{Path.Combine(project.Directory, "layout")}:1.0.0")).GetProperty("annotations"));

    private static Dictionary<string, string> Strings(JsonElement map) =>
        map.ValueKind == JsonValueKind.Object ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : [];

    private static Task<string> Git(ImageProject project, params string[] args) => Tools.RunCheckedAsync("git", ["-C", project.Directory, .. args]);
}
