namespace Notebook.Execution.Kernels;

/// <summary>How a kernel shutdown ended.</summary>
public enum KernelShutdownOutcome
{
    /// <summary>The kernel exited by itself after <c>shutdown_request</c>, within the grace period.</summary>
    Graceful,

    /// <summary>The kernel needed SIGTERM after the grace period.</summary>
    Terminated,

    /// <summary>The kernel needed SIGKILL (it ignored SIGTERM, or it was found dead or frozen).</summary>
    Killed,

    /// <summary>The kernel process had already exited before the shutdown started.</summary>
    AlreadyExited,
}

/// <summary>
/// A diagnostic record of <see cref="KernelClient.ShutdownAsync"/>: the outcome, whether the kernel answered
/// <c>shutdown_reply</c>, and how long it all took.
/// </summary>
public sealed record KernelShutdown(KernelShutdownOutcome Outcome, bool ReplyReceived, TimeSpan Duration);
