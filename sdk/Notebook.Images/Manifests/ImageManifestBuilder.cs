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

/// <summary>Writes OCI image manifests and indexes (image-spec manifest.md, image-index.md) as canonical JSON.</summary>
public static class ImageManifestBuilder
{
    /// <summary>
    /// An OCI manifest over the config and layers. Docker-typed base layers get the OCI media type of the same
    /// bytes, because an OCI manifest should not mix schemas.
    /// </summary>
    public static BuiltImage Build(byte[] config, IReadOnlyList<Blob> layers, IReadOnlyDictionary<string, string>? annotations = null)
    {
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
