using System.Text.Json;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>`ContainerArchiveOutputPath` ending in .tar.gz, `ContainerPort` and `ContainerImageFormat`, as the .NET SDK's container targets take them.</summary>
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

    [Fact]
    public async Task ContainerImageFormat_Docker_pushes_a_Docker_manifest_over_the_same_config_and_layers()
    {
        using var oci = Pushed("oci");
        using var docker = Pushed("docker", "<ContainerImageFormat>Docker</ContainerImageFormat>");

        await oci.PublishCheckedAsync();
        await docker.PublishCheckedAsync();

        var manifest = await Skopeo.ManifestAsync($"docker://{fixture.Registry.Host}/formats/docker:1.0.0", "--tls-verify=false");
        manifest.GetProperty("mediaType").GetString().ShouldBe("application/vnd.docker.distribution.manifest.v2+json");
        manifest.GetProperty("config").GetProperty("mediaType").GetString().ShouldBe("application/vnd.docker.container.image.v1+json");
        manifest.GetProperty("layers").EnumerateArray().ShouldAllBe(l => l.GetProperty("mediaType").GetString() == "application/vnd.docker.image.rootfs.diff.tar.gzip");
        docker.ImageJson().GetProperty("mediaType").GetString().ShouldBe("application/vnd.docker.distribution.manifest.v2+json");
        var ociManifest = await Skopeo.ManifestAsync($"docker://{fixture.Registry.Host}/formats/oci:1.0.0", "--tls-verify=false");
        ociManifest.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.manifest.v1+json");
        // Only the manifest's schema differs: the config (so the image ID) and the layer bytes are the same.
        docker.ImageJson().GetProperty("config").GetProperty("digest").GetString().ShouldBe(oci.ImageJson().GetProperty("config").GetProperty("digest").GetString());
        manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString())
            .ShouldBe(ociManifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()));
    }

    [Fact]
    public async Task An_unknown_ContainerImageFormat_is_NB4071()
    {
        using var project = Pushed("bad", "<ContainerImageFormat>Squashfs</ContainerImageFormat>");

        var result = await project.PublishAsync();

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB4071"], result.Output);
    }

    private ImageProject Pushed(string repository, string properties = "") => new($"""
        <Version>1.0.0</Version>
        <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
        <ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>
        <ContainerRepository>formats/{repository}</ContainerRepository>
        {properties}
        """);
}
