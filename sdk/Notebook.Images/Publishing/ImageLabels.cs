using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// The keys an image carries as manifest annotations and config labels: the org.opencontainers.image.* keys
/// (image-spec annotations.md) and the SDK's own keys under <see cref="Prefix"/>, so a scheduler can read what
/// an image accepts without running it.
/// </summary>
public static class ImageLabels
{
    /// <summary>The one prefix of the SDK's own keys.</summary>
    public const string Prefix = "dev.notebook-sdk.";

    public const string Notebooks = Prefix + "notebooks";
    public const string Parameters = Prefix + "parameters";
    public const string LockDigest = Prefix + "lock.digest";

    private const string Oci = "org.opencontainers.image.";

    /// <summary>The keys of one platform's image; <paramref name="lockDigest"/> is that platform's lock (else the image's).</summary>
    public static SortedDictionary<string, string> Create(NotebookImageInputs inputs, BaseImage? baseImage, string? lockDigest = null)
    {
        // The project-metadata keys (title, version, authors, source, ...) come computed by the targets, with the
        // .NET SDK's ContainerGenerateLabels* switches applied; the ones only a publish knows are switched here.
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in inputs.GeneratedLabels) AddIfSet(keys, key, value);
        if (inputs.GenerateCreatedLabel) keys[Oci + "created"] = SourceDateEpoch.ToRfc3339(inputs.Created);
        if (baseImage is not null)
        {
            if (inputs.GenerateBaseNameLabel) keys[Oci + "base.name"] = baseImage.Reference.ToString();
            if (inputs.GenerateBaseDigestLabel) keys[Oci + "base.digest"] = baseImage.Digest;
        }

        var notebooks = inputs.Notebooks.OrderBy(n => n.RelativePath, StringComparer.Ordinal).ToArray();
        keys[Notebooks] = Compact(new JsonArray(notebooks.Select(n => (JsonNode?)JsonValue.Create(n.RelativePath)).ToArray()));
        var parameters = new JsonObject();
        foreach (var notebook in notebooks)
            if (notebook.SchemaPath is { } schema && File.Exists(schema))
                parameters[notebook.RelativePath] = JsonNode.Parse(File.ReadAllBytes(schema));
        keys[Parameters] = Compact(parameters);
        AddIfSet(keys, LockDigest, lockDigest ?? inputs.LockDigest);
        foreach (var (key, value) in inputs.Annotations) AddIfSet(keys, key, value);
        return keys;
    }

    private static void AddIfSet(IDictionary<string, string> keys, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) keys[key] = value.Trim();
    }

    // Canonical (sorted keys, no whitespace) so the label bytes, and so the config digest, never depend on file formatting.
    private static string Compact(JsonNode node) => System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(node));
}
