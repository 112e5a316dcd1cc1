using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Deployment.Swarm;

/// <summary>Reads what a summary needs from a run's run.json (written by nbrun).</summary>
internal static class RunJson
{
    /// <summary>"cell 3 (ZeroDivisionError)" when run.json names a failed cell; null otherwise.</summary>
    public static string? FailingCell(IReadOnlyList<string> files)
    {
        var path = files.FirstOrDefault(f => Path.GetFileName(f) == "run.json");
        if (path is null) return null;
        try
        {
            if (JsonNode.Parse(File.ReadAllBytes(path))?["failed_cell"] is not JsonObject failed) return null;
            var index = failed["index"]?.GetValue<int>();
            var name = failed["ename"]?.GetValue<string>();
            return index is null ? null : name is null ? $"cell {index}" : $"cell {index} ({name})";
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
