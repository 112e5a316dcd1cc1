using Notebook.Images;
using Notebook.Images.Tests.Support;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Notebook.Publish.Tests;

/// <summary>One anonymous registry for the whole run, holding tiny base images made with the library (one platform, and an index of two).</summary>
public sealed class PublishFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; } = new();

    /// <summary>127.0.0.1:PORT/base:1, an OCI image with one rootfs layer.</summary>
    public string BaseImage => $"{Registry.Host}/base:1";

    public string BaseDigest { get; private set; } = "";

    /// <summary>127.0.0.1:PORT/base/multi:1, an OCI index of a linux/amd64 and a linux/arm64/v8 image (labels base=amd, base=arm).</summary>
    public string MultiPlatformBaseImage => $"{Registry.Host}/base/multi:1";

    /// <summary>The rootfs layer digest of each platform's image in <see cref="MultiPlatformBaseImage"/>.</summary>
    public IReadOnlyDictionary<Platform, string> MultiPlatformBase { get; private set; } = new Dictionary<Platform, string>();

    public async Task InitializeAsync()
    {
        await Registry.InitializeAsync();
        using var client = Registry.CreateClient();
        var image = await TestImages.PushBaseAsync(client, "base", "1");
        BaseDigest = image.ManifestDigest;
        var (_, amd64, arm64) = await TestImages.PushIndexAsync(client, "base/multi", "1");
        MultiPlatformBase = new Dictionary<Platform, string>
        {
            [Platform.LinuxAmd64] = amd64.Layers[0].Digest,
            [new Platform("linux", "arm64", "v8")] = arm64.Layers[0].Digest,
        };
    }

    public Task DisposeAsync() => Registry.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishFixture>
{
    public const string Name = "publish";
}
