namespace Notebook.Execution.Kernels;

/// <summary>
/// A kernel's death, wherever it runs (a local process, a gateway's kernel): fired once, with the first reason given,
/// and never for a kernel that was asked to shut down. The token stays readable after the kernel is disposed.
/// </summary>
internal sealed class KernelDeath
{
    private readonly CancellationTokenSource _death = new();
    private string? _reason;

    public CancellationToken Token => _death.Token;

    public bool IsDead => _death.IsCancellationRequested;

    /// <summary>Why it died, or null while it lives.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public void Mark(string reason, bool shuttingDown)
    {
        if (shuttingDown || IsDead)
        {
            return;
        }

        Interlocked.CompareExchange(ref _reason, reason, null);
        try
        {
            _death.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void ThrowIfDead(Func<KernelDiedException> create)
    {
        if (IsDead)
        {
            throw create();
        }
    }
}
