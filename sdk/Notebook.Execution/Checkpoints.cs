using System.Diagnostics;

namespace Notebook.Execution;

/// <summary>
/// Calls <see cref="ExecutionOptions.Checkpoint"/> after every cell and, while a cell runs, once per
/// <see cref="ExecutionOptions.CheckpointInterval"/>, each time with the outputs written into the notebook first.
/// </summary>
internal sealed class Checkpoints(ExecutionOptions options, OutputCollector collector)
{
    private long _last = Stopwatch.GetTimestamp();

    private TimeSpan? Interval => options.Checkpoint is null || options.CheckpointInterval is not { } i || i <= TimeSpan.Zero ? null : i;

    /// <summary>How long until the next interval checkpoint is due; null when none will be.</summary>
    public TimeSpan? UntilDue
    {
        get
        {
            if (Interval is not { } interval) return null;
            var left = interval - Stopwatch.GetElapsedTime(_last);
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }
    }

    public async Task IfDueAsync()
    {
        if (UntilDue is { } left && left <= TimeSpan.Zero)
        {
            await SaveAsync(CheckpointReason.Interval);
        }
    }

    public async Task SaveAsync(CheckpointReason reason)
    {
        if (options.Checkpoint is not { } checkpoint) return;
        collector.Flush();
        await checkpoint(reason);
        _last = Stopwatch.GetTimestamp();
    }
}
