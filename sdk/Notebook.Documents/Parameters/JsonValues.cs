using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>Value equality for JSON trees, with numbers compared by value (1 == 1.0, as in Python).</summary>
internal static class JsonValues
{
    public static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (JsonNumbers.IsNumber(a) && JsonNumbers.IsNumber(b))
        {
            if (JsonNumbers.IsInteger(a) && JsonNumbers.IsInteger(b)) return JsonNumbers.GetInteger(a) == JsonNumbers.GetInteger(b);
            return a.GetValue<double>() == b.GetValue<double>();
        }
        var kindA = a.GetValueKind();
        if (kindA != b.GetValueKind()) return false;
        return kindA switch
        {
            JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
            JsonValueKind.Array => a.AsArray().Count == b.AsArray().Count && a.AsArray().Zip(b.AsArray()).All(p => AreEqual(p.First, p.Second)),
            JsonValueKind.Object => a.AsObject().Count == b.AsObject().Count
                && a.AsObject().All(p => b.AsObject().TryGetPropertyValue(p.Key, out var v) && AreEqual(p.Value, v)),
            _ => true,
        };
    }
}
