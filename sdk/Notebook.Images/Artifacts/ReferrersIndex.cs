using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>One manifest that names a subject: its descriptor, artifactType and annotations, as a referrers list gives them.</summary>
public sealed record Referrer(string MediaType, string Digest, long Size, string? ArtifactType, IReadOnlyDictionary<string, string> Annotations);

/// <summary>
/// The referrers list of distribution-spec 1.1: an OCI image index whose entries are the manifests attached to one
/// subject. Registries without the referrers API keep it under the tag <c>sha256-HEX</c> of the subject (the
/// "referrers tag schema"); clients read it, add their descriptor and push it back.
/// </summary>
public static class ReferrersIndex
{
    /// <summary>The fallback tag of a subject: <c>sha256:abc...</c> gives <c>sha256-abc...</c>.</summary>
    public static string TagFor(string subjectDigest) => "sha256-" + Digests.Hex(subjectDigest);

    /// <summary>An index entry for an artifact manifest: descriptor plus its artifactType and annotations (spec: both copied).</summary>
    public static JsonObject Entry(BuiltImage artifact, string artifactType, IReadOnlyDictionary<string, string>? annotations)
    {
        var entry = CanonicalJson.ToJson(artifact.Manifest.Descriptor);
        entry["artifactType"] = artifactType;
        if (annotations is { Count: > 0 }) entry["annotations"] = CanonicalJson.ToJson(annotations);
        return entry;
    }

    /// <summary>
    /// <paramref name="existing"/> (null for none) with <paramref name="entry"/> added, or null when an entry with that
    /// digest is already there (so pushing twice changes nothing). Entries and fields it does not know are kept.
    /// </summary>
    public static byte[]? Add(byte[]? existing, JsonObject entry)
    {
        var index = existing is null ? null : JsonNode.Parse(existing) as JsonObject;
        index ??= new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex };
        if (index["manifests"] is not JsonArray manifests) index["manifests"] = manifests = [];
        var digest = entry["digest"]?.GetValue<string>();
        if (manifests.OfType<JsonObject>().Any(m => m["digest"]?.GetValue<string>() == digest)) return null;
        manifests.Add(entry.DeepClone());
        return CanonicalJson.Serialize(index);
    }

    /// <summary>The entries of a referrers list, those with <paramref name="artifactType"/> only when it is given.</summary>
    public static IReadOnlyList<Referrer> Read(byte[] index, string? artifactType = null)
    {
        JsonArray? manifests;
        try
        {
            manifests = JsonNode.Parse(index)?["manifests"] as JsonArray;
        }
        catch (JsonException)
        {
            return [];
        }
        var result = new List<Referrer>();
        foreach (var m in (manifests ?? []).OfType<JsonObject>())
        {
            if (Text(m, "digest") is not { } digest || !Digests.IsValid(digest)) continue;
            var type = Text(m, "artifactType");
            if (artifactType is not null && type != artifactType) continue;
            var annotations = (m["annotations"] as JsonObject ?? [])
                .Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            var size = m["size"] is JsonValue s && s.TryGetValue<long>(out var n) ? n : 0;
            result.Add(new Referrer(Text(m, "mediaType") ?? MediaTypes.OciManifest, digest, size, type, annotations));
        }
        return result;
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
