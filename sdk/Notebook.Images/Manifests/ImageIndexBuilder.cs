using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>One platform's image inside a multi-platform image.</summary>
public sealed record PlatformImage(Platform Platform, BuiltImage Image);

/// <summary>A multi-platform image ready for a destination: the index and, in its order, each platform's image.</summary>
public sealed record BuiltImageIndex(Blob Index, IReadOnlyList<PlatformImage> Images)
{
    public string Digest => Index.Digest;

    /// <summary>Every blob and platform manifest the index reaches, each once, manifests after their blobs.</summary>
    public IEnumerable<Blob> Blobs => Images.SelectMany(i => i.Image.Blobs.Append(i.Image.Manifest)).DistinctBy(b => b.Digest);
}

/// <summary>
/// Writes the image index of a multi-platform image (image-spec image-index.md; Docker's manifest list for the
/// Docker format): one entry per platform, in the order given, with its platform. Canonical JSON, so the same
/// platform manifests give the same index digest.
/// </summary>
public static class ImageIndexBuilder
{
    public static BuiltImageIndex Build(IReadOnlyList<PlatformImage> images, IReadOnlyDictionary<string, string>? annotations = null,
        ImageFormat format = ImageFormat.Oci)
    {
        if (images.Count == 0) throw new ArgumentException("An index needs at least one image.", nameof(images));
        var duplicate = images.GroupBy(i => i.Platform).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"The platform {duplicate.Key} is listed twice.", nameof(images));
        var mediaType = format == ImageFormat.Docker ? MediaTypes.DockerManifestList : MediaTypes.OciIndex;
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["manifests"] = new JsonArray(images.Select(i => (JsonNode)CanonicalJson.ToJson(i.Image.Manifest.Descriptor with { Platform = i.Platform })).ToArray()),
        };
        // Docker's manifest list has no annotations; the platform configs carry the same keys as labels.
        if (format == ImageFormat.Oci && annotations is { Count: > 0 }) index["annotations"] = CanonicalJson.ToJson(annotations);
        return new BuiltImageIndex(Blob.FromBytes(mediaType, CanonicalJson.Serialize(index)), images);
    }
}
