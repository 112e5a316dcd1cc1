using System.Runtime.InteropServices;

namespace Notebook.Runner;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation instead of an immediate exit, so the run can interrupt the kernel,
/// write the partial notebook and shut the kernel down before nbrun exits with 130 or 143.
/// </summary>
public sealed class SignalWatcher : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private PosixSignal? _received;

    public SignalWatcher()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received
    {
        get
        {
            lock (_registrations) return _received;
        }
    }

    /// <summary>Acts as on SIGTERM once <paramref name="stdin"/> ends: in local mode that means the host's nbrun is gone.</summary>
    public void StopWhenStdinEnds(Stream stdin) => _ = Task.Run(async () =>
    {
        var buffer = new byte[256];
        try
        {
            while (await stdin.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        Stop(PosixSignal.SIGTERM);
    });

    private void Stop(PosixSignal signal)
    {
        lock (_registrations) _received ??= signal;
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancellation.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive: the run ends on its own once the executor has interrupted and stopped the kernel.
        context.Cancel = true;
        lock (_registrations) _received ??= context.Signal;
        ThreadPool.QueueUserWorkItem(static state => ((CancellationTokenSource)state!).Cancel(), _cancellation);
    }
}
