using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("python", "docker.io", "library/python", "latest", null)]
    [InlineData("python:3.12-slim", "docker.io", "library/python", "3.12-slim", null)]
    [InlineData("bitnami/redis:7", "docker.io", "bitnami/redis", "7", null)]
    [InlineData("index.docker.io/library/python:3", "docker.io", "library/python", "3", null)]
    [InlineData("registry.example.com/analytics/daily-report:1.4.0", "registry.example.com", "analytics/daily-report", "1.4.0", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("localhost:5000/a/b/c:v_1", "localhost:5000", "a/b/c", "v_1", null)]
    [InlineData("127.0.0.1:35123/base/tiny@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "127.0.0.1:35123", "base/tiny", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/o/r:t@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io", "o/r", "t", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Parse_splits_registry_repository_tag_and_digest(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        reference.Registry.ShouldBe(registry);
        reference.Repository.ShouldBe(repository);
        reference.Tag.ShouldBe(tag);
        reference.Digest.ShouldBe(digest);
    }

    [Fact]
    public void Docker_hub_uses_its_api_host_and_others_their_own()
    {
        ImageReference.Parse("python:3.12").ApiHost.ShouldBe("registry-1.docker.io");
        ImageReference.Parse("quay.io/a/b").ApiHost.ShouldBe("quay.io");
    }

    [Fact]
    public void Manifest_reference_prefers_the_digest()
    {
        var digest = "sha256:" + new string('a', 64);
        ImageReference.Parse($"x/y:1@{digest}").ManifestReference.ShouldBe(digest);
        ImageReference.Parse("x/y:1").ManifestReference.ShouldBe("1");
    }

    [Theory]
    [InlineData("Analytics/Report")]
    [InlineData("registry.example.com/MyApp:1")]
    public void Upper_case_repository_is_NB4002(string text) =>
        Should.Throw<NotebookSdkException>(() => ImageReference.Parse(text)).Code.ShouldBe("NB4002");

    [Theory]
    [InlineData("")]
    [InlineData("https://registry.example.com/a")]
    [InlineData("a/b:")]
    [InlineData("a/b:-x")]
    [InlineData("a//b")]
    [InlineData("a/b@sha256:123")]
    [InlineData("a/b@md5:0123456789abcdef0123456789abcdef")]
    [InlineData("a_/b")]
    [InlineData("registry.example.com/")]
    public void Malformed_reference_is_NB4001(string text) =>
        Should.Throw<NotebookSdkException>(() => ImageReference.Parse(text)).Code.ShouldBe("NB4001");

    [Fact]
    public void Tags_are_validated()
    {
        ImageReference.ValidateTag("1.4.0").ShouldBe("1.4.0");
        Should.Throw<NotebookSdkException>(() => ImageReference.ValidateTag(".x")).Code.ShouldBe("NB4007");
        Should.Throw<NotebookSdkException>(() => ImageReference.ValidateTag(new string('a', 129))).Code.ShouldBe("NB4007");
    }

    [Fact]
    public void ToString_round_trips()
    {
        var text = "localhost:5000/a/b:1";
        ImageReference.Parse(ImageReference.Parse(text).ToString()).ShouldBe(ImageReference.Parse(text));
    }
}
