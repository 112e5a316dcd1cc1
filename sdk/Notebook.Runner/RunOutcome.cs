using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Execution;

namespace Notebook.Runner;

/// <summary>How a run ended, as run.json and the exit code tell it.</summary>
/// <param name="Status">succeeded, failed, timed_out, kernel_died, kernel_failed, interrupted or terminated; running while it goes on.</param>
public sealed record RunOutcome(
    string Status,
    int ExitCode,
    int? FailedCellIndex = null,
    string? ErrorName = null,
    string? ErrorValue = null,
    Diagnostic? Diagnostic = null,
    Diagnostic? Note = null)
{
    public const int MaxErrorValueLength = 300;

    /// <summary>The outcome written by the saves made while the run goes on.</summary>
    public static readonly RunOutcome Running = new("running", -1);

    /// <summary>
    /// Maps the executor's result to an outcome. A cell ending in <c>SystemExit</c> with status 0 or none counts as
    /// success, as papermill does (papermill/execute.py, raise_for_execution_errors); the executor has already
    /// stopped at that cell, so later cells are not run. Any other exit status is a failed cell.
    /// </summary>
    public static RunOutcome From(ExecutionResult result, PosixSignal? signal)
    {
        switch (result.Status)
        {
            case ExecutionStatus.Ok:
                return new("succeeded", ExitCodes.Ok);
            case ExecutionStatus.CellError when result.ErrorName == "SystemExit" && result.ErrorValue is null or "" or "0":
                return new("succeeded", ExitCodes.Ok, Note: Messages.NB5215_SystemExitIgnored.Create(result.FailedCellIndex, result.ErrorValue));
            case ExecutionStatus.CellError:
                var evalue = Trim(result.ErrorValue ?? "");
                var source = CellQuote(result.Notebook, result.FailedCellIndex);
                return new("failed", ExitCodes.CellFailed, result.FailedCellIndex, result.ErrorName, result.ErrorValue,
                    Messages.NB5108_CellFailed.Create(result.FailedCellIndex, result.ErrorName, evalue, source));
            case ExecutionStatus.Timeout:
                return new("timed_out", ExitCodes.Timeout, result.FailedCellIndex, "CellTimeoutError", result.Exception?.Message, result.Diagnostic);
            case ExecutionStatus.KernelDied:
                return new("kernel_died", ExitCodes.Kernel, result.FailedCellIndex, "DeadKernelError",
                    (result.Exception as KernelDiedException)?.Reason ?? result.Exception?.Message, result.Diagnostic);
            default:
                var terminated = signal == PosixSignal.SIGTERM;
                return new(terminated ? "terminated" : "interrupted", terminated ? ExitCodes.Terminated : ExitCodes.Interrupted,
                    result.FailedCellIndex, null, null, result.Diagnostic);
        }
    }

    public static string Trim(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > MaxErrorValueLength ? line[..(MaxErrorValueLength - 3)] + "..." : line;
    }

    /// <summary>The failing cell's source on one line, trimmed, for the message on stderr.</summary>
    private static string CellQuote(JsonObject notebook, int? index)
    {
        if (index is not { } i || notebook["cells"] is not JsonArray cells || i >= cells.Count || cells[i] is not JsonObject cell) return "";
        var source = cell["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
            JsonValue value => value.GetValue<string>(),
            _ => "",
        };
        var oneLine = string.Join(" | ", source.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length > 120 ? oneLine[..117] + "..." : oneLine;
    }
}
