using System.Runtime.InteropServices;

namespace Notebook.Execution.Kernels;

/// <summary>
/// What init does, for nbrun as a container's PID 1: processes whose parent died are re-parented to PID 1 and,
/// once they exit, stay zombies until PID 1 waits for them. Every half second this peeks at an exited child
/// (<c>waitid(P_ALL, WEXITED | WNOHANG | WNOWAIT)</c>, which reaps nothing) and reaps it only when it is not one
/// of this process's own children (those .NET's Process class waits for, to learn their exit codes).
/// </summary>
public sealed class OrphanReaper : IDisposable
{
    private const int PAll = 0;
    private const int WNoHang = 1;
    private const int WExited = 4;
    private const int WNoWait = 0x01000000;
    private readonly Func<int, bool> _isOwnChild;
    private readonly Timer _timer;
    private int _reaped;

    private OrphanReaper(Func<int, bool> isOwnChild)
    {
        _isOwnChild = isOwnChild;
        _timer = new Timer(_ => Reap(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    /// <summary>How many orphans were reaped so far.</summary>
    public int Reaped => Volatile.Read(ref _reaped);

    /// <summary>A reaper when this process is PID 1 of its namespace on Linux; null elsewhere (init does the work).</summary>
    public static OrphanReaper? StartIfInit(Func<int, bool> isOwnChild) =>
        OperatingSystem.IsLinux() && Environment.ProcessId == 1 ? new OrphanReaper(isOwnChild) : null;

    public void Dispose() => _timer.Dispose();

    private void Reap()
    {
        // siginfo_t is 128 bytes; on 64-bit Linux si_pid sits at offset 16 (after si_signo, si_errno, si_code and padding).
        var info = new byte[128];
        for (var i = 0; i < 64; i++)
        {
            Array.Clear(info);
            if (waitid(PAll, 0, info, WExited | WNoHang | WNoWait) != 0) return;
            var pid = BitConverter.ToInt32(info, 16);
            if (pid <= 0 || _isOwnChild(pid)) return;
            if (waitpid(pid, out _, WNoHang) == pid) Interlocked.Increment(ref _reaped);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int waitid(int idType, int id, [Out] byte[] info, int options);

    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);
}
