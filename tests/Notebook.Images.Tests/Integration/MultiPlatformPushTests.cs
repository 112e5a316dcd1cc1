using System.Text.Json;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

/// <summary>A multi-platform image from a multi-platform base: pushed as one index, read back by skopeo per platform.</summary>
public class MultiPlatformPushTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    private static readonly Platform Arm64 = new("linux", "arm64", "v8");

    private RegistryClientOptions Options => new() { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry };

    private async Task<BuiltImageIndex> AssembleAsync(ImageAssembler assembler, string baseImage, string cache)
    {
        var images = new List<PlatformImage>();
        foreach (var platform in new[] { Platform.LinuxAmd64, Arm64 })
        {
            var image = await assembler.AssembleAsync(new AssembleRequest
            {
                BaseImage = baseImage,
                Platform = platform,
                CacheDirectory = cache,
                Layers =
                [
                    new LayerSpec("runner", [LayerEntry.FromText("/usr/local/bin/nbrun", "runner for " + platform.Architecture, executable: true)]),
                    new LayerSpec("notebooks", [LayerEntry.FromText("/app/report.ipynb", "{}")]),
                ],
                Settings = new ImageSettings { Entrypoint = ["nbrun"] },
            });
            images.Add(new PlatformImage(platform, image.Image));
        }
        return ImageIndexBuilder.Build(images);
    }

    [Fact]
    public async Task Each_platform_gets_the_base_manifest_of_its_own_platform_and_the_index_is_reproducible()
    {
        using var client = registry.CreateClient();
        var (_, baseAmd, baseArm) = await TestImages.PushIndexAsync(client, "base/multiplatform", "1");
        using var cacheA = new TempDirectory();
        using var cacheB = new TempDirectory();
        using var assembler = new ImageAssembler(Options);
        var index = await AssembleAsync(assembler, $"{registry.Host}/base/multiplatform:1", cacheA.Path);
        var again = await AssembleAsync(assembler, $"{registry.Host}/base/multiplatform:1", cacheB.Path);
        again.Digest.ShouldBe(index.Digest);

        var push = await assembler.GetClient(registry.Host).PushIndexAsync("app/multiplatform", index, ["1.4.0"], mountFrom: "base/multiplatform");
        push.ManifestDigest.ShouldBe(index.Digest);

        var raw = await Artifacts.RegistryReadBack.SkopeoRawAsync(registry.Host, "app/multiplatform", "1.4.0");
        raw["mediaType"]!.GetValue<string>().ShouldBe(MediaTypes.OciIndex);
        foreach (var (arch, variant, baseImage) in new[] { ("amd64", (string?)null, baseAmd), ("arm64", "v8", baseArm) })
        {
            var args = new List<string> { "inspect", "--tls-verify=false", "--override-os", "linux", "--override-arch", arch };
            if (variant is not null) args.AddRange(["--override-variant", variant]);
            args.Add($"docker://{registry.Host}/app/multiplatform:1.4.0");
            using var doc = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", [.. args]));
            doc.RootElement.GetProperty("Architecture").GetString().ShouldBe(arch);
            var layers = doc.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()).ToList();
            layers[0].ShouldBe(baseImage.Layers[0].Digest);
            layers.Count.ShouldBe(3);
            doc.RootElement.GetProperty("Labels").GetProperty("base").GetString().ShouldBe(arch == "arm64" ? "arm" : "amd");
        }
        // The notebooks layer is the same blob on both platforms; the runner layers differ.
        var amdLayers = index.Images[0].Image.Layers.Select(l => l.Digest).ToList();
        var armLayers = index.Images[1].Image.Layers.Select(l => l.Digest).ToList();
        armLayers[2].ShouldBe(amdLayers[2]);
        armLayers[1].ShouldNotBe(amdLayers[1]);

        using var layout = new TempDirectory();
        await new OciLayoutWriter(layout.Path).PublishAsync(index, ["1.4.0"]);
        using var oci = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--override-arch", "arm64", "--override-variant", "v8", $"oci:{layout.Path}:1.4.0"));
        // skopeo names the layout entry by the index's digest and resolves the platform below it.
        oci.RootElement.GetProperty("Digest").GetString().ShouldBe(index.Digest);
        oci.RootElement.GetProperty("Architecture").GetString().ShouldBe("arm64");
        oci.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()).ShouldBe(index.Images[1].Image.Layers.Select(l => l.Digest));
    }
}
