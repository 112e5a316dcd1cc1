using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// image.json in the publish folder: what was published and under which names (docs/images.md, "image.json").
/// Keys are sorted and nothing in it depends on the clock, so an unchanged image writes the same file.
/// </summary>
public static class ImageReport
{
    public const int FormatVersion = 1;

    public static JsonObject Create(PublishedImage published)
    {
        var inputs = published.Inputs;
        var name = inputs.ImageName;
        var report = new JsonObject
        {
            ["version"] = FormatVersion,
            ["registry"] = string.IsNullOrEmpty(inputs.Registry) ? null : inputs.Registry,
            ["repository"] = inputs.Repository,
            ["name"] = name,
            ["tags"] = Strings(inputs.Tags),
            ["digest"] = published.Digest,
            ["mediaType"] = published.MediaType,
            ["references"] = new JsonObject
            {
                ["digest"] = $"{name}@{published.Digest}",
                ["tags"] = Strings(inputs.Tags.Select(t => $"{name}:{t}")),
            },
        };
        if (published.Index is { } index)
        {
            // A multi-platform image: what each platform's manifest holds, in index order.
            var platforms = new JsonArray();
            var entries = index.Images.Zip(published.PlatformImages).ToArray();
            for (var i = 0; i < entries.Length; i++)
            {
                var (entry, image) = entries[i];
                var platform = new JsonObject { ["platform"] = entry.Platform.ToString(), ["digest"] = image.ManifestDigest };
                foreach (var (key, value) in Contents(image)) platform[key] = value;
                if (i < published.PlatformSboms.Count) platform["sbom"] = Sbom(published.PlatformSboms[i]);
                platforms.Add((JsonNode)platform);
            }
            report["platforms"] = platforms;
        }
        else
        {
            foreach (var (key, value) in Contents(published.Image)) report[key] = value;
        }
        report["destinations"] = Strings(published.Destinations);
        if (published.ArchivePath is { } archive) report["archive"] = archive;
        if (published.LayoutPath is { } layout) report["ociLayout"] = layout;
        if (published.Push is { } push)
        {
            report["push"] = new JsonObject
            {
                ["uploaded"] = push.Uploaded.Count,
                ["uploadedBytes"] = published.UploadedBytes,
                ["mounted"] = push.Mounted.Count,
                ["skipped"] = push.Skipped.Count,
            };
        }
        if (published.Sbom is { } sbom) report["sbom"] = Sbom(sbom);
        return report;
    }

    private static JsonObject Sbom(PublishedSbom sbom) => new()
    {
        ["path"] = sbom.Path,
        ["mediaType"] = CycloneDxSbom.MediaType,
        ["digest"] = sbom.Digest,
        ["size"] = sbom.Size,
        ["artifact"] = sbom.Artifact?.Digest,
    };

    /// <summary>One image's config, base and layers (the keys of a one-platform report, in that order).</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Contents(AssembledImage image)
    {
        var baseImage = image.Base;
        var layers = new JsonArray();
        if (baseImage is not null)
            for (var i = 0; i < baseImage.Layers.Count; i++)
                layers.Add((JsonNode)Layer("base", baseImage.Layers[i].Digest, baseImage.DiffIds[i], baseImage.Layers[i].Size));
        foreach (var layer in image.NewLayers) layers.Add((JsonNode)Layer(layer.Name, layer.Digest, layer.DiffId, layer.Size));
        yield return new("config", new JsonObject { ["digest"] = image.ConfigDigest, ["size"] = image.Image.Config.Size });
        yield return new("base", baseImage is null ? null : new JsonObject
        {
            ["name"] = baseImage.Reference.ToString(),
            ["digest"] = baseImage.Digest,
            ["manifestDigest"] = baseImage.ManifestDigest,
        });
        yield return new("layers", layers);
    }

    public static byte[] Serialize(JsonObject report)
    {
        var text = report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    private static JsonObject Layer(string name, string digest, string diffId, long size) => new()
    {
        ["name"] = name,
        ["digest"] = digest,
        ["diffId"] = diffId,
        ["size"] = size,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
