namespace Notebook.Execution.Kernels;

/// <summary>Timeouts and liveness settings of a <see cref="KernelClient"/>. Every wait is bounded by one of these.</summary>
public sealed record KernelClientOptions
{
    public KernelLaunchOptions Launch { get; init; } = new();

    /// <summary>Until the kernel answers kernel_info and iopub delivers (nbclient's <c>startup_timeout</c>: 60 s).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After <c>shutdown_request</c>, how long the kernel may take to exit before SIGTERM (jupyter_client: 5 s).</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// For ipykernel, after its shutdown reply: how long its iopub connection may be closed while its control
    /// connection stays open before its exit counts as stuck and it gets SIGTERM. ipykernel closes both in its
    /// last exit step, a few milliseconds apart; ipykernel 6.x can hang between the two (see
    /// <see cref="KernelClient.ShutdownAsync"/>). Every other atexit handler has run by then.
    /// </summary>
    public TimeSpan StuckExitPeriod { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After SIGTERM, how long before SIGKILL of the whole process tree.</summary>
    public TimeSpan TerminateGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A heartbeat ping is sent this often.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The kernel counts as dead after this many intervals without a heartbeat echo.</summary>
    public int HeartbeatMissedLimit { get; init; } = 3;

    /// <summary>How long a request on the control channel (interrupt_request) may wait for its reply.</summary>
    public TimeSpan ControlReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
