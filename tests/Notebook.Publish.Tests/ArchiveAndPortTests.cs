using System.Text.Json;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>`ContainerArchiveOutputPath` ending in .tar.gz and `ContainerPort`, as the .NET SDK's container targets take them.</summary>
[Collection(PublishCollection.Name)]
public sealed class ArchiveAndPortTests(PublishFixture fixture)
{
    [Fact]
    public async Task A_tar_gz_archive_is_gzipped_reproducible_and_docker_load_takes_it_with_its_ports()
    {
        using var project = new ImageProject($"""
            <Version>1.0.0</Version>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <ContainerArchiveOutputPath>$(MSBuildProjectDirectory)/out/job.tar.gz</ContainerArchiveOutputPath>
            """, """
            <ContainerPort Include="8888" />
            <ContainerPort Include="9000" Type="udp" />
            """);

        await project.PublishCheckedAsync();
        var archive = Path.Combine(project.Directory, "out", "job.tar.gz");
        var first = File.ReadAllBytes(archive);
        await project.PublishCheckedAsync();

        first[..2].ShouldBe(new byte[] { 0x1f, 0x8b });
        File.ReadAllBytes(archive).ShouldBe(first);
        await Tools.RunCheckedAsync("gzip", "-t", archive);
        project.ImageJson().GetProperty("archive").GetString().ShouldBe(archive);

        var engine = new DockerEngineServer();
        await engine.InitializeAsync();
        try
        {
            await Tools.RunCheckedAsync("docker", "-H", engine.DockerHost, "load", "-i", archive);
            var inspect = JsonDocument.Parse(await Tools.RunCheckedAsync("docker", "-H", engine.DockerHost, "image", "inspect", "job:1.0.0")).RootElement[0];
            inspect.GetProperty("Id").GetString().ShouldBe(project.ImageJson().GetProperty("config").GetProperty("digest").GetString());
            inspect.GetProperty("Config").GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Order().ShouldBe(["8888/tcp", "9000/udp"]);
        }
        finally
        {
            await engine.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("http", "tcp")]
    [InlineData("70000", "tcp")]
    [InlineData("8080", "sctp")]
    public async Task An_invalid_ContainerPort_is_NB4070(string port, string type)
    {
        using var project = new ImageProject($"""
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """, $"""<ContainerPort Include="{port}" Type="{type}" />""");

        var result = await project.PublishAsync();

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB4070"], result.Output);
        Directory.Exists(Path.Combine(project.Directory, "layout")).ShouldBeFalse();
    }
}
