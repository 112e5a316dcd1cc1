using System.Diagnostics;
using Notebook.Execution.Transport;

namespace Notebook.Execution.Kernels;

/// <summary>
/// When and how a kernel is stopped (jupyter_client's KernelManager side of a shutdown, kept apart from the client
/// that holds the channels): request, grace period, the two ipykernel 6.x cases that cannot end by themselves, then
/// signals. <paramref name="iopubClosedAt"/> and <paramref name="controlClosedAt"/> tell when the client saw those
/// connections close (a <see cref="Stopwatch"/> timestamp, 0 while open).
/// </summary>
internal sealed class KernelShutdownPolicy(KernelProcess process, KernelClientOptions options, Func<long> iopubClosedAt, Func<long> controlClosedAt)
{
    // jupyter_client polls is_alive every 0.1 s while it waits for a shutdown.
    private static readonly TimeSpan ShutdownPollInterval = TimeSpan.FromMilliseconds(100);
    private const int ZombieChecksBeforeTerminate = 3;
    private static readonly TimeSpan StuckExitPollInterval = TimeSpan.FromMilliseconds(25);
    private readonly KernelProcess _process = process;
    private readonly KernelClientOptions _options = options;

    /// <summary>
    /// Shuts the kernel down: a dead or frozen one is killed at once; else <c>shutdown_request</c> (through
    /// <paramref name="sendRequest"/>, when there is a control connection), then the exit is awaited until the grace
    /// period ends or the kernel can no longer exit by itself, then SIGTERM, then SIGKILL of the tree. Never throws.
    /// </summary>
    public async Task<KernelShutdown> ShutdownAsync(bool isDead, Func<Task<KernelRequest>>? sendRequest, Action<string> forget, TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        var exitedBefore = _process.HasExited;
        if (isDead)
        {
            // A dead or frozen kernel answers nothing: no grace periods, kill what is left.
            await _process.KillTreeAsync();
            // The exit code tells, not HasExited: a closed connection can report the death before the exit event.
            var killed = !exitedBefore && _process.ExitCode == 128 + ProcessSignals.SigKill;
            return new KernelShutdown(killed ? KernelShutdownOutcome.Killed : KernelShutdownOutcome.AlreadyExited, false, clock.Elapsed);
        }

        TimeSpan? replyAfter = null;
        if (!exitedBefore && sendRequest is not null)
        {
            replyAfter = await RequestShutdownAsync(sendRequest, forget, grace, clock);
        }

        var outcome = exitedBefore ? KernelShutdownOutcome.AlreadyExited : KernelShutdownOutcome.Graceful;
        var reason = await WaitForExitAfterShutdownRequestAsync(replyAfter, grace, clock);
        if (reason is not null)
        {
            outcome = KernelShutdownOutcome.Terminated;
            _process.Signal(ProcessSignals.SigTerm);
            if (!await _process.WaitForExitAsync(_options.TerminateGracePeriod))
            {
                outcome = KernelShutdownOutcome.Killed;
                await _process.KillTreeAsync();
            }
        }

        await _process.KillTreeAsync();
        return new KernelShutdown(outcome, replyAfter is not null, clock.Elapsed, replyAfter, reason);
    }

    /// <summary>Sends <c>shutdown_request</c> and waits for its reply or the exit, within the grace period; when the reply came, how long it took.</summary>
    private async Task<TimeSpan?> RequestShutdownAsync(Func<Task<KernelRequest>> sendRequest, Action<string> forget, TimeSpan grace, Stopwatch clock)
    {
        try
        {
            var request = await sendRequest().WaitAsync(TimeSpan.FromSeconds(2));
            try
            {
                await Task.WhenAny(request.Reply, _process.Exited, Task.Delay(Remaining(grace, clock)));
                return request.Reply.IsCompletedSuccessfully ? clock.Elapsed : null;
            }
            finally
            {
                forget(request.MsgId);
            }
        }
        catch (Exception e) when (e is ZmtpException or KernelDiedException or TimeoutException or ObjectDisposedException)
        {
            // Falls through to signals.
            return null;
        }
    }

    /// <summary>
    /// Waits for the exit until the grace period ends. Null when the kernel exited; otherwise why it is to be
    /// terminated: the grace period ended, or, for an ipykernel that has answered the request, earlier when it can
    /// no longer exit by itself:
    /// <list type="bullet">
    /// <item>Its exit is stuck. ipykernel's last exit step (<c>IPKernelApp.close</c>, the first atexit handler,
    /// so it runs after every other one) closes the heartbeat and iopub sockets, joins the control thread, then
    /// closes shell and control. ipykernel 6.x's control thread, after answering, flushes stdout through the iopub
    /// thread that the exit may already have stopped: it then waits out a 10 s flush timeout, or blocks for good
    /// in a send. Seen from here: iopub closed, control still open. Normally both close within a few milliseconds.</item>
    /// <item>Only zombie children are left: ipykernel (6.x, <c>_progressively_terminate_all_children</c>) waits up
    /// to ~29 s for its child processes to disappear, counting the zombies it never reaps.</item>
    /// </list>
    /// </summary>
    private async Task<KernelTerminateReason?> WaitForExitAfterShutdownRequestAsync(TimeSpan? replyAfter, TimeSpan grace, Stopwatch clock)
    {
        if (replyAfter is null || !_process.Spec.IsIPythonKernel)
        {
            return await _process.WaitForExitAsync(Remaining(grace, clock)) ? null : KernelTerminateReason.GracePeriodEnded;
        }

        var zombieChecks = 0;
        while (!_process.HasExited)
        {
            var left = Remaining(grace, clock);
            if (left <= TimeSpan.Zero)
            {
                return KernelTerminateReason.GracePeriodEnded;
            }

            var iopubClosed = iopubClosedAt();
            if (iopubClosed != 0 && controlClosedAt() == 0
                && Stopwatch.GetElapsedTime(iopubClosed) >= _options.StuckExitPeriod)
            {
                return KernelTerminateReason.ExitStuck;
            }

            // Several checks in a row: a child that just ended may still be reaped by the kernel.
            zombieChecks = _process.HasOnlyZombieChildren() ? zombieChecks + 1 : 0;
            if (zombieChecks >= ZombieChecksBeforeTerminate)
            {
                return KernelTerminateReason.OnlyZombieChildren;
            }

            var poll = iopubClosed != 0 ? StuckExitPollInterval : ShutdownPollInterval;
            await _process.WaitForExitAsync(left < poll ? left : poll);
        }

        return null;
    }

    private static TimeSpan Remaining(TimeSpan limit, Stopwatch clock) =>
        limit > clock.Elapsed ? limit - clock.Elapsed : TimeSpan.Zero;
}
