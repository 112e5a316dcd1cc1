using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// The parameters a notebook accepts, in declaration order. Converts to and from a JSON Schema (draft 2020-12
/// subset) so that the build can store it beside the notebook and the runner or a scheduler can read it without
/// parsing Python. Same schema, same bytes (<see cref="ToJson"/>).
/// </summary>
/// <param name="Parameters">In declaration order.</param>
/// <param name="Language">The notebook's kernel language ("python").</param>
/// <param name="KernelName">kernelspec name, when the notebook has one.</param>
/// <param name="CellIndex">0-based index of the parameters cell; null when the notebook has none.</param>
public sealed record ParameterSchema(
    IReadOnlyList<ParameterDefinition> Parameters,
    string Language,
    string? KernelName,
    int? CellIndex)
{
    /// <summary>The JSON Schema dialect written into <c>$schema</c>.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The parameter called <paramref name="name"/> (ordinal), or null.</summary>
    public ParameterDefinition? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// <c>{"$schema", "type": "object", "properties": {name: {"type", "items", "additionalProperties", "enum",
    /// "default", "description", "x-line"}}, "additionalProperties": false, "x-notebook": {"language", "kernel", "cell"}}</c>;
    /// a nullable type is <c>["integer", "null"]</c>, Any has no "type", "default" is absent when the default is not a literal.
    /// </summary>
    public JsonObject ToJsonSchema()
    {
        var properties = new JsonObject();
        foreach (var p in Parameters)
        {
            var property = TypeToSchema(p.Type);
            if (p.HasDefault) property["default"] = p.Default?.DeepClone();
            if (p.Description is not null) property["description"] = p.Description;
            // JSON Schema's writeOnly: a value that is given but never shown back.
            if (p.Secret) property["writeOnly"] = true;
            if (p.NativeType is not null) property["x-type"] = p.NativeType;
            property["x-line"] = p.Line;
            properties[p.Name] = property;
        }
        var notebook = new JsonObject { ["language"] = Language };
        if (KernelName is not null) notebook["kernel"] = KernelName;
        if (CellIndex is not null) notebook["cell"] = CellIndex.Value;
        return new JsonObject
        {
            ["$schema"] = Dialect,
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
            ["x-notebook"] = notebook,
        };
    }

    /// <summary>The schema as indented JSON text (keys in declaration order) with a final newline: the same schema always gives the same bytes.</summary>
    public string ToJson() => NotebookWriter.ToJsonPreservingOrder(ToJsonSchema());

    /// <summary>Reads a schema written by <see cref="ToJsonSchema"/>; throws NB2023 when it is not one.</summary>
    public static ParameterSchema FromJsonSchema(JsonObject schema)
    {
        if (schema["properties"] is not JsonObject properties) throw Messages.NB2023_InvalidSchema.Exception("'properties' must be an object");
        var notebook = schema["x-notebook"] as JsonObject;
        var language = JsonHelpers.AsString(notebook?["language"]) ?? "python";
        ILiteralRenderer names = LiteralRenderers.For(language) ?? PythonLiteralRenderer.Instance;
        var list = new List<ParameterDefinition>();
        foreach (var (name, node) in properties)
        {
            if (!names.IsValidName(name)) throw Messages.NB2023_InvalidSchema.Exception($"'{name}' is not a {names.Language} name");
            if (node is not JsonObject property) throw Messages.NB2023_InvalidSchema.Exception($"property '{name}' must be an object");
            var type = SchemaToType(property, name);
            var hasDefault = property.ContainsKey("default");
            list.Add(new ParameterDefinition(
                name,
                type,
                hasDefault ? property["default"]?.DeepClone() : null,
                hasDefault,
                JsonHelpers.AsString(property["description"]),
                JsonHelpers.AsInt(property["x-line"]) ?? 0)
            {
                Secret = property["writeOnly"] is JsonValue writeOnly && writeOnly.TryGetValue<bool>(out var w) && w,
                NativeType = JsonHelpers.AsString(property["x-type"]),
            });
        }
        return new ParameterSchema(
            list,
            language,
            JsonHelpers.AsString(notebook?["kernel"]),
            JsonHelpers.AsInt(notebook?["cell"]));
    }

    /// <summary>Parses schema JSON text (a file written by the build); throws NB2023 when it is not a schema.</summary>
    public static ParameterSchema FromJson(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw Messages.NB2023_InvalidSchema.Exception(e.Message);
        }
        return node is JsonObject obj ? FromJsonSchema(obj) : throw Messages.NB2023_InvalidSchema.Exception("the top-level value must be an object");
    }

    /// <summary>Reads a schema file written by the build.</summary>
    public static async Task<ParameterSchema> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        FromJson(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));

    private static readonly (ParameterKind Kind, string Name)[] JsonTypeNames =
    [
        (ParameterKind.Int, "integer"), (ParameterKind.Float, "number"), (ParameterKind.Str, "string"),
        (ParameterKind.Bool, "boolean"), (ParameterKind.None, "null"), (ParameterKind.List, "array"), (ParameterKind.Dict, "object"),
    ];

    private static JsonObject TypeToSchema(ParameterType type)
    {
        var schema = new JsonObject();
        if (type.Kind != ParameterKind.Any)
        {
            var name = JsonTypeNames.First(t => t.Kind == type.Kind).Name;
            schema["type"] = type.Nullable && type.Kind != ParameterKind.None ? new JsonArray(name, "null") : name;
        }
        if (type.Kind == ParameterKind.List && type.ItemType is not null) schema["items"] = TypeToSchema(type.ItemType);
        if (type.Kind == ParameterKind.Dict)
        {
            if (type.KeyType is not null && type.KeyType.Kind is not (ParameterKind.Str or ParameterKind.Any))
                schema["x-key-type"] = TypeToSchema(type.KeyType);
            if (type.ItemType is not null) schema["additionalProperties"] = TypeToSchema(type.ItemType);
        }
        if (type.AllowedValues is not null) schema["enum"] = new JsonArray([.. type.AllowedValues.Select(v => v?.DeepClone())]);
        return schema;
    }

    private static ParameterType SchemaToType(JsonObject schema, string at)
    {
        var kind = ParameterKind.Any;
        var nullable = false;
        switch (schema["type"])
        {
            case null:
                break;
            case JsonArray names:
                var list = names.Select(JsonHelpers.AsString).ToList();
                nullable = list.Contains("null");
                var rest = list.Where(n => n != "null").ToList();
                if (rest.Count > 1) throw Messages.NB2023_InvalidSchema.Exception($"'{at}' has more than one non-null type");
                kind = rest.Count == 0 ? ParameterKind.None : KindOf(rest[0], at);
                break;
            case var single:
                kind = KindOf(JsonHelpers.AsString(single), at);
                break;
        }
        ParameterType? item = null;
        ParameterType? key = null;
        if (kind == ParameterKind.List && schema["items"] is JsonObject items) item = SchemaToType(items, at + "[]");
        if (kind == ParameterKind.Dict)
        {
            if (schema["additionalProperties"] is JsonObject values) item = SchemaToType(values, at + "{}");
            if (schema["x-key-type"] is JsonObject keys) key = SchemaToType(keys, at + "{key}");
        }
        IReadOnlyList<JsonNode?>? allowed = schema["enum"] is JsonArray e ? e.Select(v => v?.DeepClone()).ToList() : null;
        return new ParameterType(kind, item, nullable && kind != ParameterKind.None, allowed, key);
    }

    private static ParameterKind KindOf(string? name, string at) =>
        JsonTypeNames.FirstOrDefault(t => t.Name == name) is { Name: not null } match
            ? match.Kind
            : throw Messages.NB2023_InvalidSchema.Exception($"'{at}' has an unknown type '{name}'");
}
