using Notebook.Images;
using Notebook.Images.Tests.Support;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Notebook.Publish.Tests;

/// <summary>One anonymous registry for the whole run, holding a tiny base image made with the library.</summary>
public sealed class PublishFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; } = new();

    /// <summary>127.0.0.1:PORT/base:1, an OCI image with one rootfs layer.</summary>
    public string BaseImage => $"{Registry.Host}/base:1";

    public string BaseDigest { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Registry.InitializeAsync();
        using var client = Registry.CreateClient();
        var image = await TestImages.PushBaseAsync(client, "base", "1");
        BaseDigest = image.ManifestDigest;
    }

    public Task DisposeAsync() => Registry.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishFixture>
{
    public const string Name = "publish";
}
