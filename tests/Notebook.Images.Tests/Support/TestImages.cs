using System.Text;
using System.Text.Json.Nodes;

namespace Notebook.Images.Tests.Support;

/// <summary>Tiny base images made with the library itself and pushed with its own client.</summary>
public static class TestImages
{
    public static async Task<Layer> RootfsLayerAsync(string marker = "tiny")
    {
        return await new LayerBuilder()
            .Add(LayerEntry.FromText("/etc/os-release", $"NAME=\"{marker}\"\nID={marker}\n"))
            .Add(LayerEntry.FromText("/bin/hello", "#!/bin/sh\necho hello\n", executable: true))
            .Add(LayerEntry.Directory("/tmp"))
            .BuildAsync("rootfs");
    }

    /// <summary>An OCI image from scratch with one rootfs layer, Env PATH and a label, pushed as repository:tag.</summary>
    public static async Task<BuiltImage> PushBaseAsync(RegistryClient client, string repository, string tag, string marker = "tiny", string architecture = "amd64")
    {
        var layer = await RootfsLayerAsync(marker);
        var baseConfig = Encoding.UTF8.GetBytes(
            "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\",\"LANG=C.UTF-8\"],\"Cmd\":[\"/bin/sh\"],\"Labels\":{\"base\":\"" + marker + "\"}}}");
        var config = ImageConfigBuilder.Build(baseConfig, [layer], new ImageSettings());
        var image = ImageManifestBuilder.Build(config, [layer.Blob]);
        await client.PushAsync(repository, image, [tag]);
        return image;
    }

    /// <summary>The same kind of image described by a Docker schema 2 manifest with Docker media types.</summary>
    public static async Task<Blob> PushDockerV2BaseAsync(RegistryClient client, string repository, string tag)
    {
        var layer = await RootfsLayerAsync("dockerv2");
        var config = ImageConfigBuilder.Build(Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"]}}"""), [layer], new ImageSettings());
        var configBlob = Blob.FromBytes(MediaTypes.DockerConfig, config);
        var layerBlob = layer.Blob.WithDescriptor(layer.Blob.Descriptor with { MediaType = MediaTypes.DockerLayerGzip });
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.DockerManifest,
            ["config"] = CanonicalJson.ToJson(configBlob.Descriptor),
            ["layers"] = new JsonArray(CanonicalJson.ToJson(layerBlob.Descriptor)),
        };
        var manifestBlob = Blob.FromBytes(MediaTypes.DockerManifest, CanonicalJson.Serialize(manifest));
        await client.PushAsync(repository, new BuiltImage(manifestBlob, configBlob, [layerBlob]), [tag]);
        return manifestBlob;
    }

    /// <summary>An OCI index with an arm64 and an amd64 image, pushed as repository:tag.</summary>
    public static async Task<(Blob Index, BuiltImage Amd64, BuiltImage Arm64)> PushIndexAsync(RegistryClient client, string repository, string tag)
    {
        var arm = await PushBaseAsync(client, repository, "arm64-only", "arm", "arm64");
        var amd = await PushBaseAsync(client, repository, "amd64-only", "amd", "amd64");
        var index = ImageManifestBuilder.BuildIndex(
        [
            arm.Manifest.Descriptor with { Platform = new Platform("linux", "arm64", "v8") },
            amd.Manifest.Descriptor with { Platform = Platform.LinuxAmd64 },
        ]);
        var indexBlob = Blob.FromBytes(MediaTypes.OciIndex, index);
        await client.PutManifestAsync(repository, tag, indexBlob);
        return (indexBlob, amd, arm);
    }
}
