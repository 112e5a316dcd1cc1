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
    public static async Task<JsonObject> ReadAsync(string path, CancellationToken cancellationToken)
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

        var yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        var node = yaml ? ParseYaml(text, path) : ParseJson(text, path);
        return node as JsonObject
            ?? throw Messages.NB5210_ParametersFileInvalid.Exception(path, $"the top level is {Describe(node)}, not a mapping");
    }

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
