using System.Text.Json.Nodes;

namespace Notebook.Execution;

/// <summary>
/// The per-cell language of a polyglot notebook, for the <c>execute_request</c> metadata, where the .NET Interactive
/// kernel looks for it to pick a subkernel (F#, PowerShell, SQL): <c>polyglot_notebook.kernelName</c> (Polyglot
/// Notebooks) and <c>dotnet_interactive.language</c> (the older .NET Interactive Notebooks). A cell with either gets
/// both, so a kernel reading only one of the spellings still sees it. Other kernels ignore the keys.
/// </summary>
internal static class CellLanguageMetadata
{
    public static JsonObject? For(JsonObject cell)
    {
        var metadata = cell["metadata"] as JsonObject;
        var name = Text(metadata?["polyglot_notebook"]?["kernelName"]) ?? Text(metadata?["dotnet_interactive"]?["language"]);
        if (name is null) return null;
        return new JsonObject
        {
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = name },
            ["dotnet_interactive"] = new JsonObject { ["language"] = name },
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
