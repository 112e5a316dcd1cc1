using System.Diagnostics;
using System.Globalization;

namespace Notebook.Execution.Kernels;

/// <summary>
/// Makes sure a kernel does not outlive this process, however this process ends (SIGKILL and out-of-memory kills
/// included, where no code of ours runs): a small watcher, in a session of its own, blocks reading a pipe whose only
/// writer is this process. When this process is gone the pipe ends, and the watcher SIGKILLs the kernel's process
/// group, which holds whatever the kernel started. ipykernel's own parent poller (<c>JPY_PARENT_PID</c>) only notices
/// a parent that became PID 1, which a subreaper (systemd, tini, a CI agent) prevents, and it leaves the kernel's
/// children running.
/// </summary>
internal sealed class KernelLifeline : IDisposable
{
    private const string ShellPath = "/bin/sh";
    private const string SetsidPath = "/usr/bin/setsid";
    private readonly Process _watcher;

    private KernelLifeline(Process watcher) => _watcher = watcher;

    /// <summary>Starts the watcher for process group <paramref name="processGroup"/>; null where the system has no sh or setsid.</summary>
    public static KernelLifeline? Start(int processGroup)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(ShellPath) || !File.Exists(SetsidPath))
        {
            return null;
        }

        var startInfo = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // "read" returns at the end of the pipe (never before: nothing is ever written to it). "kill -9 -PGID" is the
        // form every sh accepts for a group (dash reads "--" as a pid).
        foreach (var arg in new[] { ShellPath, "-c", "read -r _; kill -9 -\"$1\" 2>/dev/null", "nbrun-kernel-lifeline",
                     processGroup.ToString(CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(arg);
        }

        var watcher = new Process { StartInfo = startInfo };
        try
        {
            watcher.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            watcher.Dispose();
            return null;
        }

        watcher.StandardOutput.Close();
        watcher.StandardError.Close();
        return new KernelLifeline(watcher);
    }

    public int ProcessId => _watcher.Id;

    /// <summary>Stops the watcher without letting it signal (the kernel is already gone, and its group id may be reused).</summary>
    public void Dispose()
    {
        try
        {
            if (!_watcher.HasExited)
            {
                _watcher.Kill();
                _watcher.WaitForExit(2000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }

        _watcher.Dispose();
    }
}
