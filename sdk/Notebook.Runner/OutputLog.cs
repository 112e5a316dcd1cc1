using System.Text.Json.Nodes;
using Notebook.Execution;

namespace Notebook.Runner;

/// <summary>
/// <c>--log-output</c>, as papermill's: each output goes to nbrun's own stdout or stderr as it arrives, so that
/// container logs show what the notebook prints. Streams go to the stream of their name; an error's traceback goes
/// to stderr; display data and results write their <c>text/plain</c> to stdout. Secret values are masked.
/// </summary>
public sealed class OutputLog(TextWriter stdout, TextWriter stderr, SecretParameters secrets)
{
    private readonly object _gate = new();

    public void Write(CellOutput output)
    {
        var content = output.Content;
        var (writer, text) = output.Type switch
        {
            "stream" => (content["name"]?.ToString() == "stderr" ? stderr : stdout, Text(content["text"])),
            "error" => (stderr, Text(content["traceback"]) is { Length: > 0 } traceback
                ? traceback
                : $"{content["ename"]}: {content["evalue"]}"),
            _ => (stdout, Text((content["data"] as JsonObject)?["text/plain"])),
        };
        if (text.Length == 0) return;
        if (output.Type != "stream" && !text.EndsWith('\n')) text += "\n";
        lock (_gate)
        {
            writer.Write(secrets.Scrub(text));
            writer.Flush();
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        // A traceback is a list of lines; mime text may be a list of line pieces.
        JsonArray lines when lines.Count > 0 && lines.All(l => l is JsonValue v && v.TryGetValue<string>(out var s) && !s.EndsWith('\n'))
            => string.Join('\n', lines.Select(l => l!.ToString())),
        JsonArray lines => string.Concat(lines.Select(l => l?.ToString())),
        null => "",
        _ => node.ToString(),
    };
}
