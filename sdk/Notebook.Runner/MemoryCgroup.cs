using System.Globalization;

namespace Notebook.Runner;

/// <summary>
/// The memory cgroup nbrun runs in (a container's, or a Kubernetes pod's): its limit and how many processes the
/// out-of-memory killer has killed in it. A kernel that dies while that count grows was killed for memory: the
/// cgroup's OOM killer picks the biggest process, which is the kernel, not nbrun. cgroup v2 first, then v1.
/// </summary>
public sealed class MemoryCgroup(string root = "/sys/fs/cgroup")
{
    public long? OomKills()
    {
        foreach (var file in new[] { "memory.events", "memory/memory.oom_control" })
        {
            var text = Read(file);
            if (text is null) continue;
            foreach (var line in text.Split('\n'))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == "oom_kill" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            }
        }
        return null;
    }

    /// <summary>The limit in bytes; null when there is none ("max", or v1's huge page-rounded maximum).</summary>
    public long? Limit()
    {
        foreach (var file in new[] { "memory.max", "memory/memory.limit_in_bytes" })
        {
            var text = Read(file)?.Trim();
            if (text is null) continue;
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes < long.MaxValue / 2 ? bytes : null;
        }
        return null;
    }

    public static string Format(long? bytes) => bytes switch
    {
        null => "not set",
        var b when b % (1L << 30) == 0 => $"{b >> 30}Gi",
        var b when b % (1L << 20) == 0 => $"{b >> 20}Mi",
        var b => $"{b} bytes",
    };

    private string? Read(string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(root, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
