using System.Text;
using System.Text.Json;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class ImageConfigTests
{
    private const string BaseConfig = """
        {
          "os": "linux", "architecture": "amd64", "created": "2024-05-05T10:11:12.123456789Z",
          "config": { "Env": ["PATH=/usr/bin", "LANG=C.UTF-8"], "Cmd": ["python3"], "Labels": { "maintainer": "x" } },
          "rootfs": { "type": "layers", "diff_ids": ["sha256:1111111111111111111111111111111111111111111111111111111111111111"] },
          "history": [ { "created": "2024-05-05T10:11:12Z", "created_by": "base" } ]
        }
        """;

    private static Layer FakeLayer(string name, char c) =>
        new(name, Blob.FromBytes(MediaTypes.OciLayerGzip, [(byte)c]), "sha256:" + new string(c, 64));

    private static readonly ImageSettings Settings = new()
    {
        Entrypoint = ["nbrun"],
        User = "1000",
        WorkingDirectory = "/app",
        Environment = [new("PATH", "/deps/bin:/usr/bin"), new("PYTHONPATH", "/deps")],
        Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.4.0" },
        Created = SourceDateEpoch.Default,
    };

    [Fact]
    public void Config_keeps_base_appends_layers_and_applies_settings()
    {
        var bytes = ImageConfigBuilder.Build(Encoding.UTF8.GetBytes(BaseConfig), [FakeLayer("deps", 'a'), FakeLayer("notebooks", 'b')], Settings);
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;

        root.GetProperty("created").GetString().ShouldBe("2000-01-01T00:00:00Z");
        var config = root.GetProperty("config");
        config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["nbrun"]);
        config.TryGetProperty("Cmd", out _).ShouldBeFalse();
        config.GetProperty("User").GetString().ShouldBe("1000");
        config.GetProperty("WorkingDir").GetString().ShouldBe("/app");
        config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ShouldBe(["PATH=/deps/bin:/usr/bin", "LANG=C.UTF-8", "PYTHONPATH=/deps"]);
        config.GetProperty("Labels").GetProperty("maintainer").GetString().ShouldBe("x");
        config.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString().ShouldBe("1.4.0");
        root.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength().ShouldBe(3);
        var history = root.GetProperty("history").EnumerateArray().ToList();
        history.Count.ShouldBe(3);
        history[2].GetProperty("created").GetString().ShouldBe("2000-01-01T00:00:00Z");
        history[2].GetProperty("created_by").GetString().ShouldBe("Notebook.Sdk: add layer notebooks");
    }

    [Fact]
    public void Output_is_canonical_whatever_the_base_key_order_and_whitespace()
    {
        var reordered = """{"rootfs":{"diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111"],"type":"layers"},"history":[{"created_by":"base","created":"2024-05-05T10:11:12Z"}],"config":{"Labels":{"maintainer":"x"},"Cmd":["python3"],"Env":["PATH=/usr/bin","LANG=C.UTF-8"]},"created":"2020-01-01T00:00:00Z","architecture":"amd64","os":"linux"}""";
        var a = ImageConfigBuilder.Build(Encoding.UTF8.GetBytes(BaseConfig), [FakeLayer("n", 'b')], Settings);
        var b = ImageConfigBuilder.Build(Encoding.UTF8.GetBytes(reordered), [FakeLayer("n", 'b')], Settings);

        b.ShouldBe(a);
        Encoding.UTF8.GetString(a).ShouldNotContain("\n");
        Encoding.UTF8.GetString(a).ShouldStartWith("""{"architecture":"amd64","config":{""");
    }

    [Fact]
    public void Invalid_environment_name_is_NB4008() =>
        Should.Throw<NotebookSdkException>(() => ImageConfigBuilder.Build(null, [], new ImageSettings { Environment = [new("1BAD", "x")] }))
            .Code.ShouldBe("NB4008");

    [Fact]
    public async Task Golden_manifest_digest_of_a_fixed_scratch_image_is_pinned()
    {
        var layer = await new LayerBuilder()
            .Add(LayerEntry.FromText("/app/hello.txt", "hello\n"))
            .Add(LayerEntry.FromText("/app/bin/run", "#!/bin/sh\n", executable: true))
            .BuildAsync("golden");
        var config = ImageConfigBuilder.Build(null, [layer], new ImageSettings { Entrypoint = ["/app/bin/run"], User = "1000" });
        var image = ImageManifestBuilder.Build(config, [layer.Blob], new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.0.0" });

        Encoding.UTF8.GetString(config).ShouldBe(
            """{"architecture":"amd64","config":{"Entrypoint":["/app/bin/run"],"User":"1000"},"created":"2000-01-01T00:00:00Z","history":[{"created":"2000-01-01T00:00:00Z","created_by":"Notebook.Sdk: add layer golden"}],"os":"linux","rootfs":{"diff_ids":["""
            + "\"" + LayerBuilderTests.GoldenDiffId + "\"" + """],"type":"layers"}}""");
        image.Manifest.MediaType.ShouldBe(MediaTypes.OciManifest);
        // Pinned: changing it changes every user's image digest.
        image.ManifestDigest.ShouldBe(GoldenManifestDigest);
    }

    internal const string GoldenManifestDigest = "sha256:245771cfec16b020261505ff0eeb156e0a04538a36847dedca2ebbc711f925fc";

    [Fact]
    public void Index_lists_manifests_with_platform_and_annotations()
    {
        var d = new Descriptor(MediaTypes.OciManifest, "sha256:" + new string('c', 64), 10)
        {
            Platform = Platform.LinuxAmd64,
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "1.0" },
        };
        Encoding.UTF8.GetString(ImageManifestBuilder.BuildIndex([d])).ShouldBe(
            """{"manifests":[{"annotations":{"org.opencontainers.image.ref.name":"1.0"},"digest":"sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"architecture":"amd64","os":"linux"},"size":10}],"mediaType":"application/vnd.oci.image.index.v1+json","schemaVersion":2}""");
    }
}
