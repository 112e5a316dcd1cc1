using Notebook.Diagnostics;
using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// Writes an OCI image layout (image-spec image-layout.md): <c>oci-layout</c>, <c>index.json</c> with one entry
/// per tag annotated <c>org.opencontainers.image.ref.name</c>, and <c>blobs/sha256/HEX</c>. Entries for other
/// tags already in the folder are kept; the same tag is replaced. A multi-platform image's entries name its index.
/// </summary>
public sealed class OciLayoutWriter(string directory) : IImageDestination
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task PublishAsync(BuiltImage image, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        await WriteAsync(image.Blobs.Append(image.Manifest), image.Manifest.Descriptor, tags, cancellationToken).ConfigureAwait(false);

    /// <summary>A multi-platform image: every platform's blobs and manifest, and index.json entries naming its index.</summary>
    public async Task PublishAsync(BuiltImageIndex index, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        await WriteAsync(index.Blobs.Append(index.Index), index.Index.Descriptor, tags, cancellationToken).ConfigureAwait(false);

    private async Task WriteAsync(IEnumerable<Blob> content, Descriptor top, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var blobs = Path.Combine(Directory, "blobs", "sha256");
        System.IO.Directory.CreateDirectory(blobs);
        foreach (var blob in content)
            await BlobFiles.WriteAsync(blob, Path.Combine(blobs, Digests.Hex(blob.Digest)), cancellationToken).ConfigureAwait(false);

        await File.WriteAllTextAsync(Path.Combine(Directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""", cancellationToken).ConfigureAwait(false);

        var indexPath = Path.Combine(Directory, "index.json");
        var kept = new List<Descriptor>();
        if (File.Exists(indexPath) && JsonNode.Parse(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false))?["manifests"] is JsonArray existing)
        {
            foreach (var entry in existing.OfType<JsonObject>())
            {
                var name = entry["annotations"]?[RefNameAnnotation]?.GetValue<string>();
                if (name is null || tags.Contains(name)) continue;
                kept.Add(new Descriptor(entry["mediaType"]!.GetValue<string>(), entry["digest"]!.GetValue<string>(), entry["size"]!.GetValue<long>())
                {
                    Annotations = new Dictionary<string, string> { [RefNameAnnotation] = name },
                });
            }
        }
        var ours = tags.Count == 0
            ? [top]
            : tags.Select(t => top with { Annotations = new Dictionary<string, string> { [RefNameAnnotation] = t } });
        var index = ImageManifestBuilder.BuildIndex(kept.Concat(ours));
        await File.WriteAllBytesAsync(indexPath, index, cancellationToken).ConfigureAwait(false);
    }
}

internal static class BlobFiles
{
    /// <summary>Copies a blob to a file unless a file of the right size is already there (content-addressed).</summary>
    public static async Task WriteAsync(Blob blob, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && new FileInfo(path).Length == blob.Size) return;
        await AtomicWrite.WriteAsync(path, async (target, token) =>
        {
            await using var source = await blob.OpenReadAsync(token).ConfigureAwait(false);
            await source.CopyToAsync(target, token).ConfigureAwait(false);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
