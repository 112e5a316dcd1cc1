using System.Runtime.InteropServices;

namespace Notebook.Execution.Kernels;

/// <summary>POSIX signals through libc <c>kill(2)</c>; .NET's Process only offers SIGKILL (and SIGTERM via Kill(false) on some paths).</summary>
public static class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int SysGetParentId();

    /// <summary>This process's parent (getppid(2)); it changes when the parent dies and the process is reparented.</summary>
    public static int ParentId() => OperatingSystem.IsWindows() ? 0 : SysGetParentId();

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("POSIX signals are not available on Windows.");
        }

        return SysKill(pid, signal) == 0;
    }

    /// <summary>Whether a process with this id exists (signal 0 probes without sending).</summary>
    public static bool Exists(int pid) => !OperatingSystem.IsWindows() && (SysKill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM */);

    /// <summary>Processes, zombies excluded, that are in <paramref name="pids"/> or in process group <paramref name="group"/>.</summary>
    public static IReadOnlyList<int> Alive(IReadOnlyCollection<int> pids, int? group)
    {
        var result = new List<int>();
        foreach (var (pid, _, pgrp, state) in ReadProcesses())
        {
            if (state != 'Z' && (pids.Contains(pid) || (group is { } g && pgrp == g)))
            {
                result.Add(pid);
            }
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="pid"/> has children and every one of them is a zombie: ended, never reaped by
    /// <paramref name="pid"/> (read from /proc; false where there is no /proc).
    /// </summary>
    public static bool HasOnlyZombieChildren(int pid)
    {
        var children = 0;
        foreach (var (_, parent, _, state) in ReadProcesses())
        {
            if (parent != pid)
            {
                continue;
            }

            if (state != 'Z')
            {
                return false;
            }

            children++;
        }

        return children > 0;
    }

    /// <summary>Every descendant of <paramref name="pid"/> now, read from /proc (empty where there is no /proc).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var (child, parent, _, _) in ReadProcesses())
        {
            if (!parents.TryGetValue(parent, out var list))
            {
                parents[parent] = list = [];
            }

            list.Add(child);
        }

        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            if (parents.TryGetValue(queue.Dequeue(), out var children))
            {
                foreach (var child in children)
                {
                    result.Add(child);
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>(pid, ppid, pgrp, state) of every process, from /proc/&lt;pid&gt;/stat; nothing where there is no /proc.</summary>
    private static IEnumerable<(int Pid, int Parent, int Group, char State)> ReadProcesses()
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            (int, int, int, char)? entry = null;
            try
            {
                // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                entry = (pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), fields[0][0]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we looked.
            }

            if (entry is { } value)
            {
                yield return value;
            }
        }
    }
}
