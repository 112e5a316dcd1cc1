using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>Inference and checks between JSON values and <see cref="ParameterType"/>s.</summary>
internal static class ParameterTypes
{
    public static ParameterKind KindOf(JsonNode? node) => node switch
    {
        null => ParameterKind.None,
        JsonArray => ParameterKind.List,
        JsonObject => ParameterKind.Dict,
        _ when JsonNumbers.IsInteger(node) => ParameterKind.Int,
        _ when JsonNumbers.IsNumber(node) => ParameterKind.Float,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => ParameterKind.Str,
            JsonValueKind.True or JsonValueKind.False => ParameterKind.Bool,
            _ => ParameterKind.Any,
        },
    };

    /// <summary>The type a default implies when there is no annotation; None alone says nothing (Any).</summary>
    public static ParameterType Infer(JsonNode? node) => node switch
    {
        null => ParameterType.Any,
        JsonArray array => ParameterType.ListOf(Common(array.Select(Infer))),
        JsonObject obj => ParameterType.DictOf(ParameterType.Str, Common(obj.Select(p => Infer(p.Value)))),
        _ => new ParameterType(KindOf(node)),
    };

    /// <summary>The one type all items share (int and float give float); null (any) when they differ or there are none.</summary>
    private static ParameterType? Common(IEnumerable<ParameterType> types)
    {
        var list = types.ToList();
        if (list.Count == 0 || list.Any(t => t.Kind is ParameterKind.Any or ParameterKind.None)) return null;
        if (list.All(t => t.Equals(list[0]))) return list[0];
        if (list.All(t => t.Kind is ParameterKind.Int or ParameterKind.Float)) return ParameterType.Float;
        return null;
    }

    /// <summary>
    /// Checks <paramref name="node"/> against <paramref name="type"/> and returns the value converted to it
    /// (ints become floats where a float is declared), or an error text naming the JSON path.
    /// </summary>
    public static JsonNode? Coerce(JsonNode? node, ParameterType? type, string at, out string? error)
    {
        error = null;
        type ??= ParameterType.Any;
        if (type.AllowedValues is not null)
        {
            if (!type.AllowedValues.Any(v => JsonValues.AreEqual(v, node)))
            {
                error = $"{Show(node)} at {at}";
                return null;
            }
            return node?.DeepClone();
        }
        if (node is null)
        {
            if (type.AcceptsNull) return null;
            error = $"None at {at}";
            return null;
        }
        switch (type.Kind)
        {
            case ParameterKind.Any:
                return node.DeepClone();
            case ParameterKind.Int when JsonNumbers.IsInteger(node):
            case ParameterKind.Str when node.GetValueKind() == JsonValueKind.String:
            case ParameterKind.Bool when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return node.DeepClone();
            case ParameterKind.Float when JsonNumbers.IsNumber(node):
                return JsonNumbers.IsInteger(node) ? JsonNumbers.Float((double)JsonNumbers.GetInteger(node)) : node.DeepClone();
            case ParameterKind.List when node is JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(Coerce(array[i], type.ItemType, $"{at}[{i}]", out error));
                    if (error is not null) return null;
                }
                return items;
            case ParameterKind.Dict when node is JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (type.KeyType is { Kind: ParameterKind.Int } && !System.Numerics.BigInteger.TryParse(key, out _))
                    {
                        error = $"the key \"{key}\" (not an int) at {at}";
                        return null;
                    }
                    result[key] = Coerce(value, type.ItemType, $"{at}[\"{key}\"]", out error);
                    if (error is not null) return null;
                }
                return result;
            default:
                error = $"{Show(node)} at {at}";
                return null;
        }
    }

    public static string Show(JsonNode? node)
    {
        var text = PythonLiteralRenderer.Instance.Render(node);
        return text.Length > 80 ? text[..80] + "..." : text;
    }
}
