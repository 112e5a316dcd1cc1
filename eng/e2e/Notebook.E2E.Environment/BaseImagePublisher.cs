using Notebook.Images;

namespace Notebook.E2E;

/// <summary>Writes the cached base layer into a registry as an image, with the SDK's config, manifest and push code.</summary>
public static class BaseImagePublisher
{
    public static async Task<string> PushAsync(string registry, string repository, string tag, Layer layer, CancellationToken cancellationToken = default)
    {
        var settings = new ImageSettings
        {
            Cmd = ["python3"],
            Environment =
            [
                new("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                new("LANG", "C.UTF-8"),
            ],
        };
        var config = ImageConfigBuilder.Build(null, [layer], settings);
        var image = ImageManifestBuilder.Build(config, [layer.Blob]);
        using var client = new RegistryClient(registry, new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous });
        var result = await client.PushAsync(repository, image, [tag], cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ManifestDigest;
    }
}
