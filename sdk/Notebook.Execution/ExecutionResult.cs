using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Execution.Kernels;

namespace Notebook.Execution;

/// <summary>How a run ended.</summary>
public enum ExecutionStatus
{
    /// <summary>Every cell ran (errors allowed by tag or option do not count).</summary>
    Ok,

    /// <summary>A cell raised and errors were not allowed; later cells were not run.</summary>
    CellError,

    /// <summary>The cell or notebook timeout expired; the kernel was interrupted.</summary>
    Timeout,

    /// <summary>The kernel process died or stopped answering.</summary>
    KernelDied,

    /// <summary>The caller's cancellation token fired; the running cell was interrupted.</summary>
    Cancelled,
}

/// <summary>What happened to one cell.</summary>
public enum CellStatus
{
    Running,
    Ok,
    Error,
    Skipped,
    TimedOut,
    KernelDied,
    Cancelled,
}

/// <summary>A progress report: cell <paramref name="Index"/> (position in <c>cells[]</c>) and what happened.</summary>
public sealed record CellProgress(int Index, CellStatus Status, TimeSpan Duration, int? ExecutionCount);

/// <summary>One output of cell <paramref name="CellIndex"/> as the kernel sent it: <paramref name="Type"/> is the iopub message type, <paramref name="Content"/> its content (read only).</summary>
public sealed record CellOutput(int CellIndex, string Type, JsonObject Content);

/// <summary>Why <see cref="ExecutionOptions.Checkpoint"/> is called.</summary>
public enum CheckpointReason
{
    /// <summary>A cell ended (or was skipped).</summary>
    CellEnded,

    /// <summary>A cell has been running for another <see cref="ExecutionOptions.CheckpointInterval"/>.</summary>
    Interval,
}

/// <summary>One cell that was run or skipped, with how long it took.</summary>
public sealed record CellRun(int Index, CellStatus Status, TimeSpan Duration, int? ExecutionCount);

/// <summary>
/// The outcome of <see cref="NotebookExecutor.ExecuteAsync"/>. <see cref="Notebook"/> is the notebook given,
/// updated in place: outputs of every cell run so far stay, whatever the status.
/// </summary>
public sealed record ExecutionResult
{
    public required ExecutionStatus Status { get; init; }

    public required JsonObject Notebook { get; init; }

    public required string KernelName { get; init; }

    public required IReadOnlyList<CellRun> Cells { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The cell that failed, timed out, was running when the kernel died or when the run was cancelled.</summary>
    public int? FailedCellIndex { get; init; }

    /// <summary>For <see cref="ExecutionStatus.CellError"/>: the exception name and value the kernel reported.</summary>
    public string? ErrorName { get; init; }

    public string? ErrorValue { get; init; }

    /// <summary>A <see cref="KernelDiedException"/>, <see cref="CellTimeoutException"/> or <see cref="OperationCanceledException"/>.</summary>
    public Exception? Exception { get; init; }

    /// <summary>How the kernel ended after the run (null when the caller owns the kernel and shuts it down itself).</summary>
    public KernelShutdown? KernelShutdown { get; init; }

    /// <summary>The coded message for anything but <see cref="ExecutionStatus.Ok"/> (NB5105–NB5109).</summary>
    public Diagnostic? Diagnostic { get; init; }
}
