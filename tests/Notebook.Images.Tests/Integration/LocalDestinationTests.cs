using System.Formats.Tar;
using System.Text.Json;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

public class LocalDestinationTests
{
    private static async Task<AssembledImage> ScratchImageAsync(string cache, string text = "hello")
    {
        using var assembler = new ImageAssembler();
        return await assembler.AssembleAsync(new AssembleRequest
        {
            CacheDirectory = cache,
            Layers =
            [
                new LayerSpec("rootfs", [LayerEntry.FromText("/bin/hello", "#!/bin/sh\necho hi\n", true)]),
                new LayerSpec("app", [LayerEntry.FromText("/app/readme.txt", text)]),
            ],
            Settings = new ImageSettings { Entrypoint = ["/bin/hello"], Environment = [new("A", "1")] },
        });
    }

    [Fact]
    public async Task Oci_layout_is_readable_by_skopeo_for_every_tag_and_keeps_other_tags()
    {
        using var dir = new TempDirectory();
        var image = await ScratchImageAsync(dir.Combine("cache"));
        var other = await ScratchImageAsync(dir.Combine("cache"), "other");
        var layout = dir.Combine("layout");

        await new OciLayoutWriter(layout).PublishAsync(other.Image, ["old"]);
        await new OciLayoutWriter(layout).PublishAsync(image.Image, ["1.4.0", "latest"]);

        File.ReadAllText(Path.Combine(layout, "oci-layout")).ShouldBe("""{"imageLayoutVersion":"1.0.0"}""");
        foreach (var (tag, expected) in new[] { ("1.4.0", image), ("latest", image), ("old", other) })
        {
            var inspect = await Tools.RunCheckedAsync("skopeo", "inspect", $"oci:{layout}:{tag}");
            JsonDocument.Parse(inspect).RootElement.GetProperty("Digest").GetString().ShouldBe(expected.ManifestDigest);
        }
    }

    [Fact]
    public async Task Docker_archive_is_readable_by_skopeo_and_reproducible()
    {
        using var dir = new TempDirectory();
        var image = await ScratchImageAsync(dir.Combine("cache"));
        var archive = dir.Combine("image.tar");
        var archive2 = dir.Combine("image2.tar");

        await new DockerArchiveDestination(archive, "registry.example.com/analytics/report").PublishAsync(image.Image, ["1.4.0"]);
        await new DockerArchiveDestination(archive2, "registry.example.com/analytics/report").PublishAsync(image.Image, ["1.4.0"]);

        File.ReadAllBytes(archive).ShouldBe(File.ReadAllBytes(archive2));
        var inspect = await Tools.RunCheckedAsync("skopeo", "inspect", $"docker-archive:{archive}");
        using var doc = JsonDocument.Parse(inspect);
        doc.RootElement.GetProperty("Layers").GetArrayLength().ShouldBe(2);
        doc.RootElement.GetProperty("Env")[0].GetString().ShouldBe("A=1");
        var config = await Tools.RunCheckedAsync("skopeo", "inspect", "--config", $"docker-archive:{archive}");
        JsonDocument.Parse(config).RootElement.GetProperty("rootfs").GetProperty("diff_ids")[1].GetString().ShouldBe(image.NewLayers[1].DiffId);

        using var reader = new TarReader(File.OpenRead(archive));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        names.ShouldContain("manifest.json");
        names.ShouldContain("blobs/sha256/" + Digests.Hex(image.ConfigDigest));
    }

    [Fact]
    public async Task Docker_engine_missing_is_NB4090_and_NB4020_for_a_publish()
    {
        using var dir = new TempDirectory();
        using var socket = new DockerEngine(new DockerEndpoint(new Uri("unix://" + dir.Combine("no.sock")), "test"));
        (await Should.ThrowAsync<Notebook.Diagnostics.NotebookSdkException>(() => socket.PingAsync())).Code.ShouldBe("NB4090");
        var publish = await Should.ThrowAsync<Notebook.Diagnostics.NotebookSdkException>(() => DockerEngineDestination.PingAsync(socket));
        publish.Code.ShouldBe("NB4020");
        publish.Message.ShouldContain("NB4090");

        using var tcp = new DockerEngine(DockerEndpoint.Resolve(n => n == "DOCKER_HOST" ? $"tcp://127.0.0.1:{RegistryServer.FreePort()}" : null));
        (await Should.ThrowAsync<Notebook.Diagnostics.NotebookSdkException>(() => tcp.PingAsync())).Code.ShouldBe("NB4090");
    }
}
