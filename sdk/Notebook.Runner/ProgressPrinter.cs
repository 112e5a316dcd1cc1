using System.Globalization;
using System.Text.Json.Nodes;
using Notebook.Execution;

namespace Notebook.Runner;

/// <summary>One line per finished cell on stderr: <c>[3/12] cell 5 ok 0.12s</c> (position among the code cells to run, then the cell index).</summary>
public sealed class ProgressPrinter(TextWriter output, int total)
{
    private readonly object _gate = new();
    private int _done;

    /// <summary>The code cells the executor will visit (it skips empty ones), for the "of N" part.</summary>
    public static int CountRunnable(JsonObject notebook) =>
        (notebook["cells"] as JsonArray ?? []).OfType<JsonObject>().Count(cell =>
            cell["cell_type"]?.GetValue<string>() == "code"
            && (cell["source"] switch
            {
                JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
                JsonValue v => v.GetValue<string>(),
                _ => "",
            }).Trim().Length > 0);

    public void Report(CellProgress progress)
    {
        if (progress.Status == CellStatus.Running) return;
        lock (_gate)
        {
            _done++;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{_done}/{total}] cell {progress.Index} {RunRecord.StatusName(progress.Status)} {progress.Duration.TotalSeconds:0.00}s"));
            output.Flush();
        }
    }
}
