using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// Deterministic JSON: object keys sorted by ordinal, no whitespace, one escaping rule. A config or manifest
/// digest is the sha256 of these exact bytes, so the writer must never depend on input order or culture.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = false,
        // Keeps media types readable ("v1+json", not "v1\u002Bjson"); the output is still valid, deterministic JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options)) Write(writer, node);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    public static JsonObject ToJson(Descriptor descriptor)
    {
        var obj = new JsonObject
        {
            ["mediaType"] = descriptor.MediaType,
            ["digest"] = descriptor.Digest,
            ["size"] = descriptor.Size,
        };
        if (descriptor.Annotations is { Count: > 0 } annotations) obj["annotations"] = ToJson(annotations);
        if (descriptor.Platform is { } platform)
        {
            var p = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
            if (platform.Variant is not null) p["variant"] = platform.Variant;
            obj["platform"] = p;
        }
        return obj;
    }

    public static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> map)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in map) obj[k] = v;
        return obj;
    }
}
