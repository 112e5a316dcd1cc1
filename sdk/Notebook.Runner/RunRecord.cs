using System.Globalization;
using System.Text.Json.Nodes;
using Notebook.Documents;
using Notebook.Execution;
using Notebook.Execution.Kernels;

namespace Notebook.Runner;

/// <summary>What a run did: the content of run.json and of the executed notebook's <c>metadata.notebook_sdk.run</c>.</summary>
public sealed record RunRecord(
    string RunId,
    string NotebookPath,
    string OutputNotebookPath,
    IReadOnlyList<BoundParameter> Parameters,
    string? KernelName,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    RunOutcome Outcome,
    IReadOnlyList<CellRun> Cells,
    KernelShutdown? KernelShutdown = null)
{
    public double DurationSeconds => Math.Round((Ended - Started).TotalSeconds, 3);

    /// <summary>run.json: status, exit_code, started/ended (UTC ISO 8601), duration, notebook, parameters, kernel, cells, failed_cell, kernel_shutdown.</summary>
    public JsonObject ToRunJson(NotebookDocument executed)
    {
        var cells = new JsonArray();
        foreach (var cell in Cells)
        {
            cells.Add((JsonNode)new JsonObject
            {
                ["index"] = cell.Index,
                ["id"] = CellId(executed, cell.Index),
                ["status"] = StatusName(cell.Status),
                ["execution_count"] = cell.ExecutionCount,
                ["duration_seconds"] = Math.Round(cell.Duration.TotalSeconds, 4),
            });
        }

        var run = Summary(executed);
        run["run_id"] = RunId;
        run["notebook"] = NotebookPath;
        run["output_notebook"] = OutputNotebookPath;
        run["sdk_version"] = RunnerVersion.Version;
        run["cells"] = cells;
        run["kernel_shutdown"] = KernelShutdown is { } shutdown
            ? new JsonObject
            {
                ["outcome"] = shutdown.OutcomeName,
                ["reply_received"] = shutdown.ReplyReceived,
                ["reply_seconds"] = shutdown.ReplyAfter is { } reply ? Math.Round(reply.TotalSeconds, 3) : null,
                ["duration_seconds"] = Math.Round(shutdown.Duration.TotalSeconds, 3),
                ["terminate_reason"] = shutdown.TerminateReasonName,
            }
            : null;
        run["message"] = (Outcome.Diagnostic ?? Outcome.Note)?.ToString();
        return run;
    }

    /// <summary>The block stored in the executed notebook's metadata (papermill keeps a similar one in <c>metadata.papermill</c>).</summary>
    public JsonObject ToNotebookMetadata(NotebookDocument executed)
    {
        var run = Summary(executed);
        run["run_id"] = RunId;
        run["sdk_version"] = RunnerVersion.Version;
        run["exception"] = Outcome.FailedCellIndex is not null && Outcome.ExitCode != ExitCodes.Ok;
        return run;
    }

    private JsonObject Summary(NotebookDocument executed)
    {
        var parameters = new JsonObject();
        foreach (var p in Parameters) parameters[p.Name] = p.Value?.DeepClone();
        JsonObject? failed = null;
        if (Outcome.FailedCellIndex is { } index)
        {
            failed = new JsonObject
            {
                ["index"] = index,
                ["id"] = CellId(executed, index),
                ["ename"] = Outcome.ErrorName,
                ["evalue"] = Outcome.ErrorValue is null ? null : Truncate(Outcome.ErrorValue, 4000),
            };
        }

        // While the run goes on (the saves during it) there is no exit code and no end yet: a run.json or notebook
        // still saying "running" once nbrun is gone tells of a run that was cut off.
        var running = Outcome.Status == RunOutcome.Running.Status;
        var summary = new JsonObject
        {
            ["status"] = Outcome.Status,
            ["exit_code"] = running ? null : Outcome.ExitCode,
            ["started"] = Iso(Started),
            ["ended"] = running ? null : Iso(Ended),
            ["duration_seconds"] = running ? null : DurationSeconds,
            ["parameters"] = parameters,
            ["kernel"] = KernelName,
            ["failed_cell"] = failed,
        };
        if (running) summary["saved"] = Iso(Ended);
        return summary;
    }

    public static string StatusName(CellStatus status) => status switch
    {
        CellStatus.Ok => "ok",
        CellStatus.Error => "error",
        CellStatus.Skipped => "skipped",
        CellStatus.TimedOut => "timed_out",
        CellStatus.KernelDied => "kernel_died",
        CellStatus.Cancelled => "cancelled",
        _ => "running",
    };

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? CellId(NotebookDocument document, int index) =>
        document.CellArray.Count > index && document.CellArray[index] is JsonObject cell ? new NotebookCell(cell, index).Id : null;

    private static string Truncate(string text, int max) => text.Length > max ? text[..(max - 3)] + "..." : text;
}
