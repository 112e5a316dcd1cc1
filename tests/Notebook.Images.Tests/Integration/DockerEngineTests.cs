using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

public class DockerEngineTests(DockerEngineServer docker) : IClassFixture<DockerEngineServer>
{
    [Fact]
    public async Task Image_loads_into_a_real_docker_engine_with_its_tags()
    {
        using var cache = new TempDirectory();
        using var assembler = new ImageAssembler();
        var assembled = await assembler.AssembleAsync(new AssembleRequest
        {
            CacheDirectory = cache.Path,
            Layers = [new LayerSpec("app", [LayerEntry.FromText("/app/readme.txt", "hello"), LayerEntry.FromText("/app/run", "#!/bin/sh\n", true)])],
            Settings = new ImageSettings { Entrypoint = ["/app/run"], Labels = new Dictionary<string, string> { ["k"] = "v" } },
        });
        using var engine = new DockerEngineClient(docker.DockerHost);

        await new DockerEngineDestination(engine, "notebook/engine-test").PublishAsync(assembled.Image, ["1.4.0", "latest"]);

        var id = await Tools.RunCheckedAsync("docker", "-H", docker.DockerHost, "image", "inspect", "notebook/engine-test:1.4.0", "--format", "{{.Id}} {{index .Config.Labels \"k\"}}");
        id.Trim().ShouldBe(assembled.ConfigDigest + " v");
        (await Tools.RunCheckedAsync("docker", "-H", docker.DockerHost, "image", "inspect", "notebook/engine-test:latest", "--format", "{{.Id}}")).Trim()
            .ShouldBe(assembled.ConfigDigest);
    }

    [Fact]
    public async Task A_broken_archive_is_NB4021()
    {
        using var engine = new DockerEngineClient(docker.DockerHost);
        var error = await Should.ThrowAsync<Notebook.Diagnostics.NotebookSdkException>(() => engine.LoadAsync(new MemoryStream("not a tar"u8.ToArray()), "x"));
        error.Code.ShouldBe("NB4021");
    }
}
