using Notebook.Execution.Kernels;

namespace Notebook.Runner.Containers;

/// <summary>
/// Completes when the process that started this one is gone: the pid in <c>JPY_PARENT_PID</c> (what Jupyter clients
/// set for a kernel launcher) no longer exists, or this process was reparented (its parent died). A kernel launcher
/// then stops its kernel, as ipykernel's own parent poller does.
/// </summary>
public static class ParentWatcher
{
    public static Task WatchAsync(string? jupyterParentPid, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows()) return Task.Delay(Timeout.Infinite, cancellationToken);
        var parent = ProcessSignals.ParentId();
        var client = int.TryParse(jupyterParentPid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : 0;
        return Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ProcessSignals.ParentId() != parent) return;
                if (client != 0 && !ProcessSignals.Exists(client)) return;
            }
        }, cancellationToken);
    }
}
