using System.Text.Json.Nodes;

namespace Notebook.Deployment.Tests.Swarm;

/// <summary>The notebooks of the swarm test project: each is one or two cells of Python for the e2e base's ipykernel.</summary>
public static class SwarmNotebooks
{
    /// <summary>One cell: prints its parameters; raises when fail is true.</summary>
    public static string One => Notebook(
        ("parameters", "x: int = 0\nlabel = \"none\"\nfail = False"),
        (null, "print(f\"set x={x} label={label}\")\nif fail:\n    raise ValueError(f\"set {x} fails\")"));

    /// <summary>Prints the cgroup's memory limit and CPU quota as the task sees them (cgroup v1 or v2).</summary>
    public static string Limits => Notebook(
        (null, """
            import os
            def read(*paths):
                for p in paths:
                    if os.path.exists(p):
                        return open(p).read().strip()
                return "?"
            print("memory", read("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"))
            cpu_max = read("/sys/fs/cgroup/cpu.max")
            if cpu_max == "?":
                cpu_max = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us") + " " + read("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
            print("cpu", cpu_max)
            """));

    /// <summary>Saves a cell, then takes far more memory than the test's limit.</summary>
    public static string Memory => Notebook(
        (null, "print('before the allocation')"),
        (null, "chunks = []\nfor _ in range(64):\n    chunks.append(bytearray(32 * 1024 * 1024))\nprint('allocated', len(chunks))"));

    /// <summary>Runs until it is stopped.</summary>
    public static string Slow => Notebook(
        (null, "import time\nprint('started', flush=True)\ntime.sleep(600)"));

    private static string Notebook(params (string? Tag, string Source)[] cells)
    {
        var list = new JsonArray();
        foreach (var (tag, source) in cells)
        {
            list.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = tag is null ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tag) },
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }
        return new JsonObject
        {
            ["cells"] = list,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "Python 3", ["language"] = "python", ["name"] = "python3" },
                ["language_info"] = new JsonObject { ["name"] = "python" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        }.ToJsonString();
    }
}
