namespace Notebook.Execution;

/// <summary>The kernel process exited, stopped answering its heartbeat or dropped its connections.</summary>
public sealed class KernelDiedException(string reason, int? exitCode, string recentOutput)
    : Exception($"The kernel died: {reason}.")
{
    public string Reason { get; } = reason;

    /// <summary>The process exit code when it exited (128 + signal number for a signal, as .NET reports it).</summary>
    public int? ExitCode { get; } = exitCode;

    /// <summary>The last lines the kernel wrote to its own stdout/stderr.</summary>
    public string RecentOutput { get; } = recentOutput;
}

/// <summary>A cell (or the whole notebook) ran longer than its timeout; the kernel was interrupted.</summary>
public sealed class CellTimeoutException(int cellIndex, TimeSpan timeout, bool notebookTimeout)
    : TimeoutException(notebookTimeout
        ? $"The notebook timeout of {timeout} expired while cell {cellIndex} was running."
        : $"Cell {cellIndex} ran longer than the cell timeout of {timeout}.")
{
    public int CellIndex { get; } = cellIndex;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>True when the whole-notebook limit expired rather than the per-cell one.</summary>
    public bool IsNotebookTimeout { get; } = notebookTimeout;
}
