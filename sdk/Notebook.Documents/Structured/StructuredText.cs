using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Notebook.Documents.Structured;

/// <summary>
/// Reads a small JSON or YAML document (parameters files, sweep files) into one <see cref="JsonNode"/>.
/// <paramref name="invalid"/> in each method is the caller's message, formatted with the source and the detail, so each
/// kind of file keeps its own code and its own example.
/// </summary>
public static class StructuredText
{
    /// <summary>True when the name ends in <c>.yaml</c> or <c>.yml</c>.</summary>
    public static bool IsYamlName(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses JSON; duplicate keys are refused.</summary>
    public static JsonNode? ParseJson(string text, string source, MessageDescriptor invalid)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw invalid.Exception(source, $"line {(e.LineNumber ?? 0) + 1}: {TrimPath(e.Message).TrimEnd('.')}");
        }
    }

    /// <summary>Parses YAML holding at most one document (none gives null) with the YAML 1.2 core schema (<see cref="YamlToJson"/>).</summary>
    public static JsonNode? ParseYaml(string text, string source, MessageDescriptor invalid)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw invalid.Exception(source, $"line {e.Start.Line}: {e.Message.TrimEnd('.')}");
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => YamlToJson.Convert(stream.Documents[0].RootNode, source, invalid),
            _ => throw invalid.Exception(source, $"it holds {stream.Documents.Count} YAML documents, expected one"),
        };
    }

    /// <summary>"empty or null", "a list", "a mapping" or "a single value", for messages about the wrong shape.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "empty or null",
        JsonArray => "a list",
        JsonObject => "a mapping",
        _ => "a single value",
    };

    private static string TrimPath(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
