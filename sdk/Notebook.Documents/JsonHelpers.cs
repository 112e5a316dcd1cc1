using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>Small readers over JsonNode that never throw on a wrong shape.</summary>
internal static class JsonHelpers
{
    /// <summary>Follows object keys, returning null where any step is missing or not an object.</summary>
    public static JsonNode? Get(JsonNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node)) return null;
        }
        return node;
    }

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static int? AsInt(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) ? i
        : node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && IsIntegral(d) && d.TryGetValue<double>(out var x) && x is >= int.MinValue and <= int.MaxValue ? (int)x
        : null;

    /// <summary>True for a JSON number written without fraction or exponent (or a .NET integer value).</summary>
    public static bool IsIntegral(JsonValue value)
    {
        if (value.GetValueKind() != JsonValueKind.Number) return false;
        if (value.TryGetValue<JsonElement>(out var e)) return e.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        return value.TryGetValue<long>(out _) || value.TryGetValue<int>(out _) || value.TryGetValue<ulong>(out _)
            || value.TryGetValue<System.Numerics.BigInteger>(out _);
    }

    /// <summary>nbformat's multiline_string: a string, or a list of strings to concatenate.</summary>
    public static string JoinMultiline(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray parts:
                var sb = new StringBuilder();
                foreach (var part in parts) sb.Append(AsString(part));
                return sb.ToString();
            default:
                return AsString(node) ?? "";
        }
    }

    /// <summary>Splits text into lines that keep their '\n', as Jupyter stores sources.</summary>
    public static JsonArray SplitMultiline(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add((JsonNode)JsonValue.Create(text[start..(i + 1)]));
            start = i + 1;
        }
        if (start < text.Length) array.Add((JsonNode)JsonValue.Create(text[start..]));
        return array;
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "the string " + Quote(v.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => "the number " + v.ToJsonString(),
            _ => v.ToJsonString(),
        },
        _ => "a value",
    };

    public static string Quote(string s)
    {
        var shown = s.Length > 60 ? s[..60] + "..." : s;
        return JsonValue.Create(shown).ToJsonString();
    }
}
