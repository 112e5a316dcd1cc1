using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>NotebookBaseImageDigest (the digest requirements.lock pins) decides the base, not where its tag points now.</summary>
[Collection(PublishCollection.Name)]
public sealed class BaseImagePinTests(PublishFixture fixture)
{
    [Fact]
    public async Task A_pinned_base_digest_holds_when_the_tag_moves_and_a_conflicting_or_malformed_digest_is_an_error()
    {
        using var client = fixture.Registry.CreateClient();
        var first = await TestImages.PushBaseAsync(client, "moving", "latest", marker: "first");
        var tag = $"{fixture.Registry.Host}/moving:latest";
        using var project = new ImageProject($"""
            <ContainerBaseImage>{tag}</ContainerBaseImage>
            <NotebookBaseImageDigest>{first.ManifestDigest}</NotebookBaseImageDigest>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """);

        await project.PublishCheckedAsync();
        var pinned = project.ImageJson().GetProperty("base");
        pinned.GetProperty("digest").GetString().ShouldBe(first.ManifestDigest);

        // The tag moves to another image: the pinned publish keeps the first one, an unpinned one follows the tag.
        var second = await TestImages.PushBaseAsync(client, "moving", "latest", marker: "second");
        second.ManifestDigest.ShouldNotBe(first.ManifestDigest);
        await project.PublishCheckedAsync();
        project.ImageJson().GetProperty("base").GetProperty("digest").GetString().ShouldBe(first.ManifestDigest);
        await project.PublishCheckedAsync(null, "-p:NotebookBaseImageDigest=");
        project.ImageJson().GetProperty("base").GetProperty("digest").GetString().ShouldBe(second.ManifestDigest);

        var conflict = await project.PublishAsync(null, $"-p:ContainerBaseImage={tag}@{second.ManifestDigest}");
        conflict.ExitCode.ShouldNotBe(0);
        conflict.Output.ShouldContain("error NB4056");
        conflict.Output.ShouldNotContain("   at ");

        var malformed = await project.PublishAsync(null, "-p:NotebookBaseImageDigest=sha256:abc");
        malformed.ExitCode.ShouldNotBe(0);
        malformed.Output.ShouldContain("error NB4057");
    }
}
