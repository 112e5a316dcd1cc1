using System.Diagnostics;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Execution.Kernels;
using Notebook.Execution.Messaging;

namespace Notebook.Execution;

/// <summary>
/// Runs a notebook (nbformat 4 JSON) on a fresh kernel like nbclient: each non-empty code cell is one
/// <c>execute_request</c>, done when its <c>execute_reply</c> and its iopub <c>idle</c> have both arrived.
/// Reply, outputs, kernel liveness, timeouts and cancellation are watched together; no wait is unbounded.
/// </summary>
public sealed class NotebookExecutor
{
    public const string SkipExecutionTag = "skip-execution";
    public const string RaisesExceptionTag = "raises-exception";

    /// <summary>
    /// Starts the kernel, runs the notebook in place and shuts the kernel down (no kernel process survives).
    /// Kernel start failures throw <see cref="NotebookSdkException"/> (NB5101–NB5104); everything after start
    /// is reported in the result, whose notebook keeps the outputs produced so far.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(JsonObject notebook, ExecutionOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var kernelName = options.KernelName
            ?? (notebook["metadata"] as JsonObject)?["kernelspec"]?["name"]?.ToString()
            ?? "python3";
        var provisioner = options.Provisioner ?? new LocalKernelProvisioner(options.KernelSpecFinder);
        var kernelOptions = options.Kernel with
        {
            Launch = options.Kernel.Launch with
            {
                WorkingDirectory = options.WorkingDirectory ?? options.Kernel.Launch.WorkingDirectory,
                Environment = options.Environment ?? options.Kernel.Launch.Environment,
            },
        };

        IKernel kernel;
        try
        {
            kernel = await provisioner.StartAsync(kernelName, kernelOptions, cancellationToken);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            return new ExecutionResult
            {
                Status = ExecutionStatus.Cancelled,
                Notebook = notebook,
                KernelName = kernelName,
                Cells = [],
                Duration = clock.Elapsed,
                Exception = e,
                Diagnostic = Messages.NB5109_ExecutionCancelled.Create("(none: the kernel was starting)"),
            };
        }

        ExecutionResult result;
        await using (kernel)
        {
            result = await ExecuteAsync(kernel, notebook, options, clock, cancellationToken);
            await kernel.ShutdownAsync();
        }

        return result with { KernelShutdown = kernel.LastShutdown };
    }

    /// <summary>Runs the notebook on a kernel the caller started and disposes (the kernel keeps its state afterwards).</summary>
    public Task<ExecutionResult> ExecuteAsync(IKernel kernel, JsonObject notebook, ExecutionOptions options, CancellationToken cancellationToken) =>
        ExecuteAsync(kernel, notebook, options, Stopwatch.StartNew(), cancellationToken);

    private static async Task<ExecutionResult> ExecuteAsync(
        IKernel kernel, JsonObject notebook, ExecutionOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        CopyKernelMetadata(kernel, notebook);
        var cells = notebook["cells"] as JsonArray ?? [];
        var collector = new OutputCollector(cells, options);
        var checkpoints = new Checkpoints(options, collector);
        var runs = new List<CellRun>();
        ExecutionResult Finish(ExecutionStatus status, int? failed = null, Exception? exception = null, Diagnostic? diagnostic = null, string? ename = null, string? evalue = null) => new()
        {
            Status = status,
            Notebook = notebook,
            KernelName = kernel.Name,
            Cells = runs,
            Duration = clock.Elapsed,
            FailedCellIndex = failed,
            Exception = exception,
            Diagnostic = diagnostic,
            ErrorName = ename,
            ErrorValue = evalue,
        };

        for (var index = 0; index < cells.Count; index++)
        {
            if (cells[index] is not JsonObject cell || cell["cell_type"]?.ToString() != "code")
            {
                continue;
            }

            var source = Source(cell);
            if (source.Trim().Length == 0)
            {
                continue;
            }

            var tags = Tags(cell);
            if (tags.Contains(SkipExecutionTag))
            {
                Report(options, runs, new CellRun(index, CellStatus.Skipped, TimeSpan.Zero, null));
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Finish(ExecutionStatus.Cancelled, index, new OperationCanceledException(cancellationToken),
                    Messages.NB5109_ExecutionCancelled.Create(index));
            }

            options.Progress?.Invoke(new CellProgress(index, CellStatus.Running, TimeSpan.Zero, null));
            var cellClock = Stopwatch.StartNew();
            var allowErrors = options.AllowErrors || tags.Contains(RaisesExceptionTag);
            var outcome = await new CellRunner(kernel, collector, checkpoints, options, index, cell, allowErrors).RunAsync(
                source, NotebookRemaining(options, clock), cancellationToken);
            collector.CloseStream();
            var count = cell["execution_count"] is JsonValue v && v.TryGetValue<int>(out var c) ? c : (int?)null;
            var status = outcome.Kind switch
            {
                CellOutcomeKind.Ok => CellStatus.Ok,
                CellOutcomeKind.Error => CellStatus.Error,
                CellOutcomeKind.Timeout => CellStatus.TimedOut,
                CellOutcomeKind.KernelDied => CellStatus.KernelDied,
                _ => CellStatus.Cancelled,
            };
            Report(options, runs, new CellRun(index, status, cellClock.Elapsed, count));
            await checkpoints.SaveAsync(CheckpointReason.CellEnded);

            switch (outcome.Kind)
            {
                case CellOutcomeKind.Error when !allowErrors:
                    var ename = outcome.Reply?["ename"]?.ToString() ?? "Error";
                    var evalue = outcome.Reply?["evalue"]?.ToString() ?? "";
                    return Finish(ExecutionStatus.CellError, index, null,
                        Messages.NB5108_CellFailed.Create(index, ename, evalue, Quote(source)), ename, evalue);
                case CellOutcomeKind.Timeout:
                    var notebookTimeout = outcome.NotebookTimeout;
                    var limit = notebookTimeout ? options.Timeout!.Value : options.CellTimeout!.Value;
                    var timeout = new CellTimeoutException(index, limit, notebookTimeout);
                    return Finish(ExecutionStatus.Timeout, index, timeout, notebookTimeout
                        ? Messages.NB5107_NotebookTimeout.Create(Durations.Format(limit), index, Quote(source))
                        : Messages.NB5106_CellTimeout.Create(index, Durations.Format(limit), Quote(source)));
                case CellOutcomeKind.KernelDied:
                    var died = outcome.Died!;
                    return Finish(ExecutionStatus.KernelDied, index, died,
                        Messages.NB5105_KernelDied.Create(index, died.Reason, died.RecentOutput));
                case CellOutcomeKind.Cancelled:
                    return Finish(ExecutionStatus.Cancelled, index, new OperationCanceledException(cancellationToken),
                        Messages.NB5109_ExecutionCancelled.Create(index));
            }
        }

        return Finish(ExecutionStatus.Ok);
    }

    private static TimeSpan? NotebookRemaining(ExecutionOptions options, Stopwatch clock) =>
        options.Timeout is { } limit ? limit - clock.Elapsed : null;

    private static void Report(ExecutionOptions options, List<CellRun> runs, CellRun run)
    {
        runs.Add(run);
        options.Progress?.Invoke(new CellProgress(run.Index, run.Status, run.Duration, run.ExecutionCount));
    }

    private static void CopyKernelMetadata(IKernel kernel, JsonObject notebook)
    {
        if (notebook["metadata"] is not JsonObject metadata)
        {
            notebook["metadata"] = metadata = [];
        }

        if (kernel.LanguageInfo is { } languageInfo)
        {
            metadata["language_info"] = languageInfo.DeepClone();
        }

        if (metadata["kernelspec"] is not JsonObject)
        {
            metadata["kernelspec"] = new JsonObject
            {
                ["display_name"] = kernel.DisplayName,
                ["language"] = kernel.Language,
                ["name"] = kernel.Name,
            };
        }
    }

    /// <summary>A cell's source: nbformat allows a string or a list of lines.</summary>
    internal static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.ToString())),
        JsonNode node => node.ToString(),
        null => "",
    };

    private static HashSet<string> Tags(JsonObject cell) =>
        (cell["metadata"]?["tags"] as JsonArray)?.Select(t => t?.ToString() ?? "").ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>The failing cell, trimmed for a one-line message.</summary>
    private static string Quote(string source)
    {
        var oneLine = string.Join(" | ", source.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length > 120 ? oneLine[..117] + "..." : oneLine;
    }
}
