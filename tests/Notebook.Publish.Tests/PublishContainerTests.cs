using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>
/// What a .NET user types for an image: `dotnet publish -t:PublishContainer` and `-p:PublishProfile=DefaultContainer`
/// publish the notebook image, the same bytes as a plain `dotnet publish`, and the .NET SDK's own image builder
/// (which the SDK imports into every OutputType=Exe project) never runs.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class PublishContainerTests(PublishFixture fixture)
{
    [Theory]
    [InlineData("-t:PublishContainer")]
    [InlineData("-p:PublishProfile=DefaultContainer")]
    public async Task The_dotnet_container_commands_publish_the_notebook_image_with_the_plain_publish_digest(string command)
    {
        using var plain = Project();
        using var container = Project();

        await plain.PublishCheckedAsync();
        var result = await container.PublishAsync(null, command);

        result.ExitCode.ShouldBe(0, result.Output);
        // The .NET SDK's CONTAINERnnnn codes and a task crash (MSB4018) would both mean its builder ran.
        Regex.IsMatch(result.Output, @"\b(CONTAINER\d{3,4}|MSB4018)\b").ShouldBeFalse(result.Output);
        container.ImageJson().GetProperty("digest").GetString().ShouldBe(plain.ImageJson().GetProperty("digest").GetString());
    }

    [Fact]
    public async Task PublishContainer_returns_the_generated_container_to_a_calling_build()
    {
        using var project = Project();

        var result = await project.Project.DotnetAsync(["msbuild", project.Project.ProjectPath, "-restore", "-t:PublishContainer",
            "-p:Configuration=Release", "-getTargetResult:PublishContainer"], null, TimeSpan.FromMinutes(3));

        result.ExitCode.ShouldBe(0, result.Output);
        var digest = project.ImageJson().GetProperty("digest").GetString()!;
        result.Output.ShouldContain($"\"ManifestDigest\": \"{digest}\"");
    }

    private ImageProject Project() => new($"""
        <Version>1.0.0</Version>
        <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
        <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
        """);
}
