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
        var image = published.Image;
        var name = inputs.ImageName;
        var baseImage = image.Base;
        var layers = new JsonArray();
        if (baseImage is not null)
            for (var i = 0; i < baseImage.Layers.Count; i++)
                layers.Add((JsonNode)Layer("base", baseImage.Layers[i].Digest, baseImage.DiffIds[i], baseImage.Layers[i].Size));
        foreach (var layer in image.NewLayers) layers.Add((JsonNode)Layer(layer.Name, layer.Digest, layer.DiffId, layer.Size));

        var report = new JsonObject
        {
            ["version"] = FormatVersion,
            ["registry"] = string.IsNullOrEmpty(inputs.Registry) ? null : inputs.Registry,
            ["repository"] = inputs.Repository,
            ["name"] = name,
            ["tags"] = Strings(inputs.Tags),
            ["digest"] = image.ManifestDigest,
            ["mediaType"] = image.Image.Manifest.MediaType,
            ["references"] = new JsonObject
            {
                ["digest"] = $"{name}@{image.ManifestDigest}",
                ["tags"] = Strings(inputs.Tags.Select(t => $"{name}:{t}")),
            },
            ["config"] = new JsonObject { ["digest"] = image.ConfigDigest, ["size"] = image.Image.Config.Size },
            ["base"] = baseImage is null ? null : new JsonObject
            {
                ["name"] = baseImage.Reference.ToString(),
                ["digest"] = baseImage.Digest,
                ["manifestDigest"] = baseImage.ManifestDigest,
            },
            ["layers"] = layers,
            ["destinations"] = Strings(published.Destinations),
        };
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
        return report;
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
