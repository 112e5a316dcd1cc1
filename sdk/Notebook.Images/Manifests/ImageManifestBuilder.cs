using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>An image ready for a destination: manifest, config and layer blobs, in push order.</summary>
public sealed record BuiltImage(Blob Manifest, Blob Config, IReadOnlyList<Blob> Layers)
{
    public string ManifestDigest => Manifest.Digest;

    public string ConfigDigest => Config.Digest;

    /// <summary>Layers first, then the config: every blob the manifest points at.</summary>
    public IEnumerable<Blob> Blobs => Layers.Append(Config);
}

/// <summary>The manifest schema an image is written in (ContainerImageFormat).</summary>
public enum ImageFormat
{
    Oci,
    Docker,
}

/// <summary>Writes OCI image manifests and indexes (image-spec manifest.md, image-index.md) as canonical JSON.</summary>
public static class ImageManifestBuilder
{
    /// <summary>
    /// An OCI manifest over the config and layers. Docker-typed base layers get the OCI media type of the same
    /// bytes, because an OCI manifest should not mix schemas.
    /// </summary>
    public static BuiltImage Build(byte[] config, IReadOnlyList<Blob> layers, IReadOnlyDictionary<string, string>? annotations = null,
        ImageFormat format = ImageFormat.Oci)
    {
        if (format == ImageFormat.Docker) return BuildDocker(config, layers);
        var configBlob = Blob.FromBytes(MediaTypes.OciConfig, config);
        var ociLayers = layers.Select(ToOciLayer).ToArray();
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = CanonicalJson.ToJson(configBlob.Descriptor),
            ["layers"] = new JsonArray(ociLayers.Select(l => (JsonNode)CanonicalJson.ToJson(l.Descriptor)).ToArray()),
        };
        if (annotations is { Count: > 0 }) manifest["annotations"] = CanonicalJson.ToJson(annotations);
        var manifestBlob = Blob.FromBytes(MediaTypes.OciManifest, CanonicalJson.Serialize(manifest));
        return new BuiltImage(manifestBlob, configBlob, ociLayers);
    }

    /// <summary>
    /// A Docker image manifest v2 schema 2 over the same bytes: Docker media types for config and layers, and no
    /// annotations (schema 2 has none; the config labels carry the same keys).
    /// </summary>
    private static BuiltImage BuildDocker(byte[] config, IReadOnlyList<Blob> layers)
    {
        var configBlob = Blob.FromBytes(MediaTypes.DockerConfig, config);
        var dockerLayers = layers.Select(l => l.MediaType == MediaTypes.OciLayerGzip
            ? l.WithDescriptor(l.Descriptor with { MediaType = MediaTypes.DockerLayerGzip }) : l).ToArray();
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.DockerManifest,
            ["config"] = CanonicalJson.ToJson(configBlob.Descriptor),
            ["layers"] = new JsonArray(dockerLayers.Select(l => (JsonNode)CanonicalJson.ToJson(l.Descriptor)).ToArray()),
        };
        return new BuiltImage(Blob.FromBytes(MediaTypes.DockerManifest, CanonicalJson.Serialize(manifest)), configBlob, dockerLayers);
    }

    /// <summary>An OCI index listing the given manifests (for an OCI layout's index.json).</summary>
    public static byte[] BuildIndex(IEnumerable<Descriptor> manifests) =>
        CanonicalJson.Serialize(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray(manifests.Select(m => (JsonNode)CanonicalJson.ToJson(m)).ToArray()),
        });

    private static Blob ToOciLayer(Blob layer) => layer.MediaType switch
    {
        MediaTypes.DockerLayerGzip => layer.WithDescriptor(layer.Descriptor with { MediaType = MediaTypes.OciLayerGzip }),
        _ => layer,
    };
}
