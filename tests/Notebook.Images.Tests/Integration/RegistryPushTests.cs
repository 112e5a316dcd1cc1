using System.Text.Json;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

public class RegistryPushTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    private static AssembleRequest AppRequest(string baseImage, string cache, string text = "print('hi')") => new()
    {
        BaseImage = baseImage,
        CacheDirectory = cache,
        Layers = [new LayerSpec("notebooks", [LayerEntry.FromText("/app/report.py", text), LayerEntry.FromText("/app/run", "#!/bin/sh\n", true)])],
        Settings = new ImageSettings
        {
            Entrypoint = ["/app/run"],
            User = "1000:1000",
            WorkingDirectory = "/app",
            Environment = [new("PATH", "/app:/usr/bin:/bin"), new("PYTHONPATH", "/deps")],
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "demo" },
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.4.0" },
        },
    };

    private RegistryClientOptions Options => new() { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry };

    [Fact]
    public async Task Assembled_image_pushes_and_skopeo_reads_it()
    {
        using var client = registry.CreateClient();
        await TestImages.PushBaseAsync(client, "base/tiny", "1");
        using var cache = new TempDirectory();
        using var assembler = new ImageAssembler(Options);

        var assembled = await assembler.AssembleAsync(AppRequest($"{registry.Host}/base/tiny:1", cache.Path));
        var destination = new RegistryDestination(assembler.GetClient(registry.Host), "app/demo", mountFrom: "base/tiny");
        await destination.PublishAsync(assembled.Image, ["1.4.0", "latest"]);

        destination.Result!.Mounted.ShouldHaveSingleItem();
        destination.Result.Uploaded.Count.ShouldBe(2); // new layer + config
        var inspect = await Tools.RunCheckedAsync("skopeo", "inspect", "--tls-verify=false", $"docker://{registry.Host}/app/demo:1.4.0");
        using var doc = JsonDocument.Parse(inspect);
        doc.RootElement.GetProperty("Digest").GetString().ShouldBe(assembled.ManifestDigest);
        doc.RootElement.GetProperty("Layers").GetArrayLength().ShouldBe(2);
        doc.RootElement.GetProperty("Labels").GetProperty("base").GetString().ShouldBe("tiny");
        doc.RootElement.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ShouldBe(["PATH=/app:/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONPATH=/deps"]);

        var config = await Tools.RunCheckedAsync("skopeo", "inspect", "--config", "--tls-verify=false", $"docker://{registry.Host}/app/demo:latest");
        using var configDoc = JsonDocument.Parse(config);
        configDoc.RootElement.GetProperty("created").GetString().ShouldBe("2000-01-01T00:00:00Z");
        configDoc.RootElement.GetProperty("config").GetProperty("Entrypoint")[0].GetString().ShouldBe("/app/run");
        configDoc.RootElement.GetProperty("config").TryGetProperty("Cmd", out _).ShouldBeFalse();

        using var oci = new TempDirectory();
        await Tools.RunCheckedAsync("skopeo", "copy", "--src-tls-verify=false", $"docker://{registry.Host}/app/demo:1.4.0", $"oci:{oci.Path}:copied");
        File.Exists(Path.Combine(oci.Path, "blobs", "sha256", Digests.Hex(assembled.ManifestDigest))).ShouldBeTrue();
    }

    [Fact]
    public async Task Same_inputs_give_the_same_manifest_digest_and_a_second_push_uploads_nothing()
    {
        using var client = registry.CreateClient();
        await TestImages.PushBaseAsync(client, "base/again", "1");
        using var cacheA = new TempDirectory();
        using var cacheB = new TempDirectory();
        using var assembler = new ImageAssembler(Options);
        var first = await assembler.AssembleAsync(AppRequest($"{registry.Host}/base/again:1", cacheA.Path));
        var second = await assembler.AssembleAsync(AppRequest($"{registry.Host}/base/again:1", cacheB.Path));
        var changed = await assembler.AssembleAsync(AppRequest($"{registry.Host}/base/again:1", cacheB.Path, "print('changed')"));

        second.ManifestDigest.ShouldBe(first.ManifestDigest);
        second.ConfigDigest.ShouldBe(first.ConfigDigest);
        changed.ManifestDigest.ShouldNotBe(first.ManifestDigest);
        first.BaseDigest.ShouldNotBeNull();

        var push1 = await client.PushAsync("app/again", first.Image, ["1"]);
        var uploadsBefore = client.BlobUploads;
        var push2 = await client.PushAsync("app/again", second.Image, ["1"]);
        client.BlobUploads.ShouldBe(uploadsBefore);
        push2.Uploaded.ShouldBeEmpty();
        push2.Skipped.Count.ShouldBe(3);
        push1.ManifestDigest.ShouldBe(push2.ManifestDigest);
    }

    [Fact]
    public async Task Pulling_an_index_picks_linux_amd64_and_unknown_platform_is_NB4015()
    {
        using var client = registry.CreateClient();
        var (index, amd, _) = await TestImages.PushIndexAsync(client, "base/multi", "1");
        var reference = ImageReference.Parse($"{registry.Host}/base/multi:1");

        var pulled = await client.PullImageAsync(reference);
        pulled.Digest.ShouldBe(index.Digest);
        pulled.ManifestDigest.ShouldBe(amd.ManifestDigest);
        pulled.Layers.Single().Digest.ShouldBe(amd.Layers.Single().Digest);

        (await Should.ThrowAsync<NotebookSdkException>(() => client.PullImageAsync(reference, new Platform("windows", "amd64")))).Code.ShouldBe("NB4015");
    }

    [Fact]
    public async Task A_docker_v2_base_is_read_and_rebased_into_an_oci_manifest()
    {
        using var client = registry.CreateClient();
        var manifest = await TestImages.PushDockerV2BaseAsync(client, "base/dockerv2", "1");
        var pulled = await client.PullImageAsync(ImageReference.Parse($"{registry.Host}/base/dockerv2:1"));
        pulled.ManifestMediaType.ShouldBe(MediaTypes.DockerManifest);
        pulled.Digest.ShouldBe(manifest.Digest);
        pulled.Layers.Single().MediaType.ShouldBe(MediaTypes.DockerLayerGzip);

        using var cache = new TempDirectory();
        using var assembler = new ImageAssembler(Options);
        var assembled = await assembler.AssembleAsync(AppRequest($"{registry.Host}/base/dockerv2@{manifest.Digest}", cache.Path));
        assembled.Image.Layers.ShouldAllBe(l => l.MediaType == MediaTypes.OciLayerGzip);
        await client.PushAsync("app/fromv2", assembled.Image, ["1"], mountFrom: "base/dockerv2");
        await Tools.RunCheckedAsync("skopeo", "inspect", "--tls-verify=false", $"docker://{registry.Host}/app/fromv2:1");
    }

    [Fact]
    public async Task Missing_image_is_NB4013()
    {
        using var client = registry.CreateClient();
        (await Should.ThrowAsync<NotebookSdkException>(() => client.PullImageAsync(ImageReference.Parse($"{registry.Host}/nope/nothing:1"))))
            .Code.ShouldBe("NB4013");
    }

    [Fact]
    public async Task Base_layers_are_cached_by_digest_when_a_local_destination_reads_them()
    {
        using var client = registry.CreateClient();
        var baseImage = await TestImages.PushBaseAsync(client, "base/cached", "1");
        using var cache = new TempDirectory();
        using var assembler = new ImageAssembler(Options);
        var assembled = await assembler.AssembleAsync(AppRequest($"{registry.Host}/base/cached:1", cache.Path));
        var cachePath = new BlobCache(cache.Path).PathFor(baseImage.Layers[0].Digest);
        File.Exists(cachePath).ShouldBeFalse();

        using var layout = new TempDirectory();
        await new OciLayoutWriter(layout.Path).PublishAsync(assembled.Image, ["1.4.0"]);
        File.Exists(cachePath).ShouldBeTrue();
        var inspect = await Tools.RunCheckedAsync("skopeo", "inspect", $"oci:{layout.Path}:1.4.0");
        JsonDocument.Parse(inspect).RootElement.GetProperty("Digest").GetString().ShouldBe(assembled.ManifestDigest);
    }
}
