using System.Diagnostics;
using System.Text.Json.Nodes;
using Notebook.Execution.Kernels;
using Notebook.Execution.Messaging;
using Notebook.Execution.Transport;

namespace Notebook.Execution;

internal enum CellOutcomeKind
{
    Ok,
    Error,
    Timeout,
    KernelDied,
    Cancelled,
}

internal sealed record CellOutcome(CellOutcomeKind Kind, JsonObject? Reply = null, KernelDiedException? Died = null, bool NotebookTimeout = false);

/// <summary>
/// Runs one code cell: sends <c>execute_request</c>, then applies the cell's iopub messages until both its
/// <c>execute_reply</c> and its <c>idle</c> status are in (nbclient's <c>async_execute_cell</c>), while the
/// kernel's death, the deadline and the caller's token are watched at the same time.
/// </summary>
internal sealed class CellRunner(
    IKernel kernel, OutputCollector collector, Checkpoints checkpoints, ExecutionOptions options, int index, JsonObject cell, bool allowErrors)
{
    // Drain() hands control back this often even while messages keep coming (a cell flooding its output), so the
    // deadline, the caller's token and the checkpoints are still seen.
    private static readonly TimeSpan DrainSlice = TimeSpan.FromMilliseconds(50);

    private string _msgId = "";
    private JupyterMessage? _reply;
    private bool _idle;
    private Task<bool>? _read;

    public async Task<CellOutcome> RunAsync(string source, TimeSpan? notebookRemaining, CancellationToken cancellationToken)
    {
        collector.BeginCell(index, cell);
        var limit = options.CellTimeout;
        var notebookLimit = false;
        if (notebookRemaining is { } remaining && (limit is null || remaining < limit))
        {
            limit = remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
            notebookLimit = true;
        }

        var content = new JsonObject
        {
            ["code"] = source,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false,
            // As nbclient: a cell allowed to fail must not make the kernel abort what comes next.
            ["stop_on_error"] = !allowErrors,
        };

        KernelRequest request;
        try
        {
            request = await kernel.SendRequestAsync(KernelChannel.Shell, "execute_request", content, CellLanguageMetadata.For(cell), cancellationToken);
        }
        catch (KernelDiedException e)
        {
            return new CellOutcome(CellOutcomeKind.KernelDied, Died: e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new CellOutcome(CellOutcomeKind.Cancelled);
        }

        _msgId = request.MsgId;
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, kernel.DeathToken);
            // CancelAfter takes at most about 24 days; a longer limit is no limit.
            if (limit is { } l && l < TimeSpan.FromDays(24))
            {
                stop.CancelAfter(l);
            }

            try
            {
                await CollectAsync(request, stop.Token);
            }
            catch (OperationCanceledException)
            {
                if (kernel.IsDead)
                {
                    return new CellOutcome(CellOutcomeKind.KernelDied, Died: kernel.CreateDiedException());
                }

                var cancelled = cancellationToken.IsCancellationRequested;
                await InterruptAndDrainAsync(request);
                if (kernel.IsDead)
                {
                    return new CellOutcome(CellOutcomeKind.KernelDied, Died: kernel.CreateDiedException());
                }

                return new CellOutcome(cancelled ? CellOutcomeKind.Cancelled : CellOutcomeKind.Timeout, _reply?.Content, NotebookTimeout: notebookLimit);
            }
            catch (KernelDiedException e)
            {
                return new CellOutcome(CellOutcomeKind.KernelDied, Died: e);
            }
        }
        finally
        {
            kernel.Forget(_msgId);
        }

        var status = _reply!.Content["status"]?.ToString();
        return new CellOutcome(status == "error" ? CellOutcomeKind.Error : CellOutcomeKind.Ok, _reply.Content);
    }

    /// <summary>Interrupts the kernel and keeps collecting for a bounded grace period, so the cell's last outputs (KeyboardInterrupt) land.</summary>
    private async Task InterruptAndDrainAsync(KernelRequest request)
    {
        try
        {
            await kernel.InterruptAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is KernelDiedException or TimeoutException or ZmtpException)
        {
            return;
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(kernel.DeathToken);
        grace.CancelAfter(options.InterruptGracePeriod);
        try
        {
            await CollectAsync(request, grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or KernelDiedException)
        {
            // Whatever arrived is kept; the caller reports the timeout or cancellation.
        }
    }

    private async Task CollectAsync(KernelRequest request, CancellationToken token)
    {
        long repliedAt = 0;
        while (true)
        {
            token.ThrowIfCancellationRequested();
            var drained = Drain();
            await checkpoints.IfDueAsync();
            if (!drained)
            {
                continue;
            }

            if (_reply is null && request.Reply.IsCompleted)
            {
                _reply = await request.Reply;
                repliedAt = Stopwatch.GetTimestamp();
                ApplyReply(_reply);
                continue;
            }

            if (_reply is not null && _idle)
            {
                return;
            }

            _read ??= kernel.Iopub.WaitToReadAsync(CancellationToken.None).AsTask();
            if (_reply is null)
            {
                await WaitAsync(Task.WhenAny(_read, request.Reply), null, token);
            }
            else
            {
                // The reply is in; nbclient waits iopub_timeout for the idle, then moves on.
                var left = options.IopubIdleTimeout - Stopwatch.GetElapsedTime(repliedAt);
                if (left <= TimeSpan.Zero || !await WaitAsync(_read, left, token))
                {
                    return;
                }
            }

            if (_read.IsCompleted)
            {
                if (!await _read)
                {
                    throw kernel.CreateDiedException();
                }

                _read = null;
            }
        }
    }

    /// <summary>
    /// Waits for <paramref name="task"/> at most <paramref name="limit"/> (null: no limit) while saving checkpoints
    /// when they are due; false when the limit ended first.
    /// </summary>
    private async Task<bool> WaitAsync(Task task, TimeSpan? limit, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = limit is { } l ? l - clock.Elapsed : (TimeSpan?)null;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var wait = checkpoints.UntilDue is { } due && (left is null || due < left) ? due : left;
            if (wait is null)
            {
                await task.WaitAsync(token);
                return true;
            }

            try
            {
                await task.WaitAsync(wait.Value, token);
                return true;
            }
            catch (TimeoutException)
            {
                await checkpoints.IfDueAsync();
            }
        }
    }

    /// <summary>Applies the waiting iopub messages; false when it stopped after <see cref="DrainSlice"/> with more still waiting.</summary>
    private bool Drain()
    {
        var started = Stopwatch.GetTimestamp();
        while (kernel.Iopub.TryRead(out var message))
        {
            // Messages of other requests (a previous cell's stragglers, kernel_info) are ignored, as in nbclient.
            if (message.ParentMsgId == _msgId && collector.Apply(message, index, cell))
            {
                _idle = true;
            }

            if (Stopwatch.GetElapsedTime(started) > DrainSlice)
            {
                return false;
            }
        }

        return true;
    }

    private void ApplyReply(JupyterMessage reply)
    {
        if (reply.Content["execution_count"] is JsonValue count && count.TryGetValue<int>(out var executionCount))
        {
            cell["execution_count"] = executionCount;
        }

        collector.RecordTime(cell, "shell.execute_reply", reply);
        if (reply.Metadata["started"] is JsonValue started && started.TryGetValue<string>(out var startedAt)
            && options.RecordTiming && cell["metadata"]?["execution"] is JsonObject execution)
        {
            execution["shell.execute_reply.started"] = startedAt;
        }
    }
}
