using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Notebook.Runner;

/// <summary>
/// Reads <c>--parameters-file</c>: JSON, or YAML when the name ends in <c>.yaml</c>/<c>.yml</c>. The top level must be
/// a mapping; it becomes a <see cref="JsonObject"/> that <c>ParameterBinder</c> type-checks. Throws NB5209/NB5210.
/// </summary>
public static class ParameterFileReader
{
    /// <summary>Reads a file as JSON or YAML by its extension; <paramref name="yaml"/> true reads it as YAML whatever its name (papermill's <c>-f</c>).</summary>
    public static async Task<JsonObject> ReadAsync(string path, CancellationToken cancellationToken, bool yaml = false)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB5209_ParametersFileUnreadable.Exception(path, e.Message);
        }

        yaml |= path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return yaml ? ParseYamlMapping(text, path) : AsMapping(ParseJson(text, path), path);
    }

    /// <summary>YAML text that must hold one mapping (papermill's <c>-y</c>); <paramref name="source"/> names it in errors. Empty text is an empty mapping.</summary>
    public static JsonObject ParseYamlMapping(string text, string source) =>
        ParseYaml(text, source) is { } node ? AsMapping(node, source) : [];

    private static JsonObject AsMapping(JsonNode? node, string source) =>
        node as JsonObject ?? throw Messages.NB5210_ParametersFileInvalid.Exception(source, $"the top level is {Describe(node)}, not a mapping");

    private static JsonNode? ParseJson(string text, string path)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw Messages.NB5210_ParametersFileInvalid.Exception(path, $"line {(e.LineNumber ?? 0) + 1}: {TrimPath(e.Message).TrimEnd('.')}");
        }
    }

    private static JsonNode? ParseYaml(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Messages.NB5210_ParametersFileInvalid.Exception(path, $"line {e.Start.Line}: {e.Message.TrimEnd('.')}");
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => YamlToJson.Convert(stream.Documents[0].RootNode, path),
            _ => throw Messages.NB5210_ParametersFileInvalid.Exception(path, $"it holds {stream.Documents.Count} YAML documents, expected one"),
        };
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "empty or null",
        JsonArray => "a list",
        _ => "a single value",
    };

    private static string TrimPath(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
