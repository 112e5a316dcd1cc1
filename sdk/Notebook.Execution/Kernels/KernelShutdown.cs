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

/// <summary>Why a kernel that was asked to shut down got SIGTERM.</summary>
public enum KernelTerminateReason
{
    /// <summary>It had not exited when the grace period ended.</summary>
    GracePeriodEnded,

    /// <summary>It answered, then its exit got stuck (ipykernel 6.x: iopub closed, control still open).</summary>
    ExitStuck,

    /// <summary>It answered, then only waited on zombie children it never reaps (ipykernel 6.x).</summary>
    OnlyZombieChildren,
}

/// <summary>
/// A diagnostic record of <see cref="KernelClient.ShutdownAsync"/>: the outcome, whether the kernel answered
/// <c>shutdown_reply</c> and when (<paramref name="ReplyAfter"/>, from the request), how long it all took, and
/// for <see cref="KernelShutdownOutcome.Terminated"/> or a SIGKILL after SIGTERM, why the signal was sent.
/// </summary>
public sealed record KernelShutdown(
    KernelShutdownOutcome Outcome, bool ReplyReceived, TimeSpan Duration, TimeSpan? ReplyAfter = null, KernelTerminateReason? TerminateReason = null)
{
    /// <summary>The reason as run.json writes it: grace_period_ended, exit_stuck, only_zombie_children.</summary>
    public string? TerminateReasonName => TerminateReason switch
    {
        KernelTerminateReason.GracePeriodEnded => "grace_period_ended",
        KernelTerminateReason.ExitStuck => "exit_stuck",
        KernelTerminateReason.OnlyZombieChildren => "only_zombie_children",
        _ => null,
    };

    /// <summary>The outcome as run.json writes it: graceful, terminated, killed, already_exited.</summary>
    public string OutcomeName => Outcome switch
    {
        KernelShutdownOutcome.Graceful => "graceful",
        KernelShutdownOutcome.Terminated => "terminated",
        KernelShutdownOutcome.Killed => "killed",
        _ => "already_exited",
    };
}
