using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class ImageIndexTests
{
    private static readonly Platform Arm64 = new("linux", "arm64", "v8");

    private static BuiltImage Image(char c) =>
        ImageManifestBuilder.Build("{\"c\":\"x\"}"u8.ToArray(), [Blob.FromBytes(MediaTypes.OciLayerGzip, [(byte)c])]);

    [Fact]
    public void The_index_lists_each_platform_manifest_in_order_with_its_platform()
    {
        var amd = Image('a');
        var arm = Image('b');
        var index = ImageIndexBuilder.Build([new(Platform.LinuxAmd64, amd), new(Arm64, arm)],
            new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.4.0" });

        var json = JsonNode.Parse(index.Index.Bytes)!;
        index.Index.MediaType.ShouldBe(MediaTypes.OciIndex);
        json["mediaType"]!.GetValue<string>().ShouldBe(MediaTypes.OciIndex);
        var entries = json["manifests"]!.AsArray();
        entries.Select(e => e!["digest"]!.GetValue<string>()).ShouldBe([amd.ManifestDigest, arm.ManifestDigest]);
        entries[0]!["platform"]!.ToJsonString().ShouldBe("""{"architecture":"amd64","os":"linux"}""");
        entries[1]!["platform"]!.ToJsonString().ShouldBe("""{"architecture":"arm64","os":"linux","variant":"v8"}""");
        entries[1]!["size"]!.GetValue<long>().ShouldBe(arm.Manifest.Size);
        json["annotations"]!["org.opencontainers.image.version"]!.GetValue<string>().ShouldBe("1.4.0");
        index.Blobs.Select(b => b.Digest).ShouldContain(arm.Manifest.Digest);
        index.Blobs.Select(b => b.Digest).Distinct().Count().ShouldBe(index.Blobs.Count());
    }

    [Fact]
    public void Same_manifests_give_the_same_index_digest_and_a_changed_one_another()
    {
        var first = ImageIndexBuilder.Build([new(Platform.LinuxAmd64, Image('a')), new(Arm64, Image('b'))]);
        var again = ImageIndexBuilder.Build([new(Platform.LinuxAmd64, Image('a')), new(Arm64, Image('b'))]);
        var changed = ImageIndexBuilder.Build([new(Platform.LinuxAmd64, Image('a')), new(Arm64, Image('c'))]);

        again.Digest.ShouldBe(first.Digest);
        changed.Digest.ShouldNotBe(first.Digest);
    }

    [Fact]
    public void The_docker_format_writes_a_manifest_list_without_annotations()
    {
        var index = ImageIndexBuilder.Build([new(Platform.LinuxAmd64, Image('a'))],
            new Dictionary<string, string> { ["k"] = "v" }, ImageFormat.Docker);

        index.Index.MediaType.ShouldBe(MediaTypes.DockerManifestList);
        var json = JsonNode.Parse(index.Index.Bytes)!.AsObject();
        json["mediaType"]!.GetValue<string>().ShouldBe(MediaTypes.DockerManifestList);
        json.ContainsKey("annotations").ShouldBeFalse();
    }

    [Fact]
    public void A_platform_listed_twice_is_refused()
    {
        Should.Throw<ArgumentException>(() => ImageIndexBuilder.Build([new(Arm64, Image('a')), new(Arm64, Image('b'))]));
    }

    [Fact]
    public void Runtime_identifiers_map_to_platforms_as_the_dotnet_sdk_maps_them()
    {
        RuntimePlatform.ForRuntimeIdentifier("linux-x64").ShouldBe(Platform.LinuxAmd64);
        RuntimePlatform.ForRuntimeIdentifier("linux-arm64").ShouldBe(Arm64);
        RuntimePlatform.ForBaseLookup(Arm64).ShouldBe(new Platform("linux", "arm64"));
        Should.Throw<NotebookSdkException>(() => RuntimePlatform.ForRuntimeIdentifier("win-x64")).Code.ShouldBe("NB6050");
    }

    [Theory]
    [InlineData("linux-x64;linux-arm64", null, "linux-x64,linux-arm64")]
    [InlineData(" linux-arm64 ; linux-x64;linux-arm64;", null, "linux-arm64,linux-x64")]
    [InlineData("", "linux-arm64", "linux-arm64")]
    [InlineData("linux-x64;linux-arm64", "linux-arm64", "linux-arm64")]
    [InlineData(null, null, "linux-x64")]
    public void The_single_ContainerRuntimeIdentifier_wins_as_in_the_dotnet_sdk_and_each_platform_is_listed_once(string? many, string? one, string expected)
    {
        string.Join(",", RuntimePlatform.Parse(many, one)).ShouldBe(expected);
    }

    [Fact]
    public void A_scratch_image_for_arm64_says_so_in_its_config()
    {
        var config = JsonNode.Parse(ImageConfigBuilder.Build(null, [], new ImageSettings(), Arm64))!;
        config["architecture"]!.GetValue<string>().ShouldBe("arm64");
        config["variant"]!.GetValue<string>().ShouldBe("v8");
        JsonNode.Parse(ImageConfigBuilder.Build(null, [], new ImageSettings()))!["architecture"]!.GetValue<string>().ShouldBe("amd64");
    }
}
