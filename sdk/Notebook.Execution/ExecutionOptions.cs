using Notebook.Execution.Kernels;

namespace Notebook.Execution;

/// <summary>How <see cref="NotebookExecutor"/> runs a notebook. Every wait is bounded by one of these values.</summary>
public sealed record ExecutionOptions
{
    /// <summary>The kernelspec to use; null: the notebook's <c>metadata.kernelspec.name</c>, else "python3".</summary>
    public string? KernelName { get; init; }

    /// <summary>Longest time one cell may run (nbclient's <c>timeout</c>); null: no per-cell limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Longest time the whole run may take, kernel start included (monotonic clock); null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Keep running after a cell raises (nbclient's <c>allow_errors</c>).</summary>
    public bool AllowErrors { get; init; }

    /// <summary>Called when a cell starts (<see cref="CellStatus.Running"/>) and when it ends or is skipped.</summary>
    public Action<CellProgress>? Progress { get; init; }

    /// <summary>The kernel's working directory (usually the notebook's folder); null: this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment for the kernel; a null value removes a variable.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Where the kernel runs (a local process, a container, a gateway); null: a local process from its kernelspec.</summary>
    public IKernelProvisioner? Provisioner { get; init; }

    /// <summary>Where kernelspecs are looked up for local kernels; null: the Jupyter data path of this machine.</summary>
    public KernelSpecFinder? KernelSpecFinder { get; init; }

    /// <summary>Kernel start-up, shutdown and heartbeat settings.</summary>
    public KernelClientOptions Kernel { get; init; } = new();

    /// <summary>After the execute_reply, how long to wait for the cell's iopub <c>idle</c> (nbclient's <c>iopub_timeout</c>: 4 s).</summary>
    public TimeSpan IopubIdleTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>After interrupting a timed-out or cancelled cell, how long to collect its last outputs and reply.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Called with each output as it arrives (stream, display_data, execute_result, error), before it is merged into
    /// the notebook: the runner's <c>--log-output</c>. Called on the executor's flow; keep it quick.
    /// </summary>
    public Action<CellOutput>? Output { get; init; }

    /// <summary>
    /// The most characters one stream output keeps (default 2,000,000). Past it the output keeps its first and last
    /// halves and a line saying how much was left out, so the runner's memory stays bounded whatever a cell prints.
    /// </summary>
    public int MaxStreamOutput { get; init; } = DefaultMaxStreamOutput;

    public const int DefaultMaxStreamOutput = 2_000_000;

    /// <summary>
    /// Called after every cell and, during a long cell, every <see cref="CheckpointInterval"/>, with the notebook's
    /// outputs written up to date: the runner saves the notebook then (papermill's autosave). Null: never.
    /// </summary>
    public Func<CheckpointReason, Task>? Checkpoint { get; init; }

    /// <summary>How often a running cell triggers <see cref="Checkpoint"/> (papermill's <c>autosave_cell_every</c>: 30 s); null or zero: only after cells.</summary>
    public TimeSpan? CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Record <c>metadata.execution</c> timestamps on each executed cell, as nbclient's <c>record_timing</c>.</summary>
    public bool RecordTiming { get; init; } = true;
}
