namespace Notebook.Execution.Kernels;

/// <summary>How to start a kernel process.</summary>
public sealed record KernelLaunchOptions
{
    /// <summary>The kernel's working directory (the notebook's folder, usually); null: this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment for the kernel, applied after the kernelspec's <c>env</c>; a null value removes a variable.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Arguments appended to the kernelspec's argv.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>
    /// For ipykernel, keep IPython's history in memory (<c>--HistoryManager.hist_file=:memory:</c>, as nbclient
    /// does): no SQLite file in HOME, no lock contention between parallel kernels.
    /// </summary>
    public bool InMemoryHistory { get; init; } = true;

    /// <summary>
    /// Start the kernel in its own session and process group (through <c>/usr/bin/setsid</c> when present), as
    /// jupyter_client does: interrupts and the final kill then reach the processes the kernel started.
    /// </summary>
    public bool NewProcessGroup { get; init; } = true;

    /// <summary>
    /// The ports, address and key the kernel listens on; null: five free loopback ports and a new key. Set when a
    /// client chose them, as for a kernel in a container started by a Jupyter client on the host.
    /// </summary>
    public ConnectionInfo? Connection { get; init; }

    /// <summary>Called with every line the kernel writes to stdout or stderr (a supervisor passes them on); null: kept only for errors.</summary>
    public Action<string>? OutputEcho { get; init; }

    /// <summary>Where the connection file goes; null: a new private folder under the temp directory.</summary>
    public string? RuntimeDirectory { get; init; }
}
