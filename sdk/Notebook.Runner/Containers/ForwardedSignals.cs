using System.Runtime.InteropServices;

namespace Notebook.Runner.Containers;

/// <summary>
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT caught for a process that hands them on (to a container or a kernel) rather
/// than dying: every SIGINT raises <see cref="Interrupted"/>; the first of the others completes <see cref="Terminated"/>.
/// </summary>
public sealed class ForwardedSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TaskCompletionSource<PosixSignal> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ForwardedSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle),
        ];
    }

    /// <summary>Raised on the thread pool for each SIGINT.</summary>
    public event Action? Interrupted;

    public Task<PosixSignal> Terminated => _terminated.Task;

    /// <summary>Completes <see cref="Terminated"/> as a signal would (end of stdin, the client gone).</summary>
    public void Terminate(PosixSignal signal) => _terminated.TrySetResult(signal);

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (context.Signal == PosixSignal.SIGINT)
            ThreadPool.QueueUserWorkItem(_ => Interrupted?.Invoke());
        else
            _terminated.TrySetResult(context.Signal);
    }
}
