using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents.Structured;

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

        yaml |= StructuredText.IsYamlName(path);
        return yaml
            ? ParseYamlMapping(text, path)
            : AsMapping(StructuredText.ParseJson(text, path, Messages.NB5210_ParametersFileInvalid), path);
    }

    /// <summary>YAML text that must hold one mapping (papermill's <c>-y</c>); <paramref name="source"/> names it in errors. Empty text is an empty mapping.</summary>
    public static JsonObject ParseYamlMapping(string text, string source) =>
        StructuredText.ParseYaml(text, source, Messages.NB5210_ParametersFileInvalid) is { } node ? AsMapping(node, source) : [];

    private static JsonObject AsMapping(JsonNode? node, string source) =>
        node as JsonObject ?? throw Messages.NB5210_ParametersFileInvalid.Exception(source, $"the top level is {StructuredText.Describe(node)}, not a mapping");
}
