using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Brings a run's results artifact (what <see cref="ResultsPusher"/> pushed) back into a folder: each layer is
/// written under its <c>org.opencontainers.image.title</c>, atomically, as <c>oras pull</c> does. Returns null
/// when the registry has no artifact by that reference (the run never pushed one).
/// </summary>
public sealed class ResultsPuller(RegistryClientOptions? options = null)
{
    public async Task<IReadOnlyList<string>?> PullAsync(ImageReference reference, string directory, CancellationToken cancellationToken = default)
    {
        using var client = new RegistryClient(reference.Registry, options);
        var manifest = await client.TryGetManifestAsync(reference.Repository, reference.ManifestReference, cancellationToken).ConfigureAwait(false);
        if (manifest is null) return null;
        var layers = ReadLayers(reference, manifest.Bytes);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (title, digest) in layers)
        {
            var path = Path.Combine(directory, title);
            await AtomicWrite.WriteAsync(path, (stream, token) => client.DownloadBlobAsync(reference.Repository, digest, stream, token), cancellationToken: cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }
        return written;
    }

    /// <summary>(title, digest) of each layer; a title that would leave the folder is refused.</summary>
    public static IReadOnlyList<(string Title, string Digest)> ReadLayers(ImageReference reference, byte[] manifest)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(manifest) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }
        if (root?["artifactType"]?.GetValue<string>() != ResultsPusher.ArtifactType || root["layers"] is not JsonArray layers)
            throw Messages.NB4019_InvalidImageContent.Exception(reference.ToString(), "results artifact", $"it is not an artifact of type {ResultsPusher.ArtifactType}");
        var result = new List<(string, string)>();
        foreach (var layer in layers.OfType<JsonObject>())
        {
            var title = layer["annotations"]?[OciArtifact.TitleAnnotation]?.GetValue<string>();
            var digest = layer["digest"]?.GetValue<string>();
            if (title is null || digest is null || !Digests.IsValid(digest) || title != Path.GetFileName(title) || title is "." or ".." || title.Length == 0)
                throw Messages.NB4019_InvalidImageContent.Exception(reference.ToString(), "results artifact", $"a layer has no plain file name as its title ('{title}')");
            result.Add((title, digest));
        }
        return result;
    }
}
