using System.Text.Json.Nodes;
using Notebook.Execution.Kernels;
using Shouldly;
using Xunit;
using static Notebook.Execution.Tests.NotebookBuilder;

namespace Notebook.Execution.Tests;

/// <summary>How the kernel ends after a run: by itself after shutdown_request, not through the signals.</summary>
public sealed class KernelShutdownTests
{
    [Fact]
    public async Task AfterALongRun_KernelAnswersAndExitsWithoutWaitingOutTheGracePeriod()
    {
        // The runner's report: 500 trivial cells, then a kernel that only went away with SIGTERM.
        var cells = Enumerable.Range(1, 500).Select(i => Code($"x = {i}")).ToArray();
        var notebook = WithPidCell(cells);
        await using var kernel = await KernelClient.StartAsync(TestEnvironment.PythonKernel(), null, CancellationToken.None);

        var result = await new NotebookExecutor().ExecuteAsync(kernel, notebook, new ExecutionOptions(), CancellationToken.None);
        await kernel.ShutdownAsync();

        result.Status.ShouldBe(ExecutionStatus.Ok);
        notebook.Cell(500)["execution_count"]!.GetValue<int>().ShouldBe(501);
        kernel.LastShutdown.ShouldNotBeNull();
        kernel.LastShutdown.ReplyReceived.ShouldBeTrue("the kernel must answer shutdown_request");
        // By itself, or (ipykernel 6.x's exit race, a minority of runs) SIGTERM once its exit is seen stuck;
        // never the grace period running out.
        if (kernel.LastShutdown.Outcome != KernelShutdownOutcome.Graceful)
        {
            kernel.LastShutdown.Outcome.ShouldBe(KernelShutdownOutcome.Terminated);
            kernel.LastShutdown.TerminateReason.ShouldBe(KernelTerminateReason.ExitStuck);
        }

        TestEnvironment.ProcessExists(notebook.KernelPid()).ShouldBeFalse();
    }

    [Fact]
    public async Task KernelWhoseExitIsStuckAfterItsReply_IsTerminatedWithoutWaitingOutTheGracePeriod()
    {
        // ipykernel 6.17's exit race: IPKernelApp.close closes heartbeat and iopub, then joins a control thread that
        // is blocked flushing stdout through the iopub thread the exit has already stopped (a 10 s flush timeout, or
        // a send that never returns). Made certain here by making that thread look alive (its loop has
        // really ended: stop() would raise) and its join wait 30 s. With a 60 s grace, a client without the stuck-exit
        // rule sees the kernel exit by itself after ~30 s (Graceful).
        var notebook = WithPidCell(Code(
            "import time\n" +
            "from ipykernel.kernelapp import IPKernelApp\n" +
            "thread = IPKernelApp.instance().control_thread\n" +
            "thread.is_alive = lambda: True\n" +
            "thread.stop = lambda: None\n" +
            // Bound as a default: IPython clears the user namespace (and so `time`) in an earlier atexit handler.
            "thread.join = lambda *args, _sleep=time.sleep, **kwargs: _sleep(30)"));
        await RunThenExpectTerminatedAsync(notebook, KernelTerminateReason.ExitStuck);
    }

    [Fact]
    public async Task KernelWithAZombieChild_IsGoneWithItsChild_WithoutWaitingOutTheGracePeriod()
    {
        // ipykernel 6.17 answers shutdown_request, SIGTERMs its children, then may keep waiting (up to ~29 s) while a
        // child it never reaps stays a zombie; on another machine it may exit by itself at once. The promise holds
        // either way: the client never waits out its (60 s) grace period, and the kernel and its child are gone.
        var notebook = WithPidCell(Code("import subprocess; p = subprocess.Popen(['sleep', '60']); print(p.pid, end='')"));
        var grace = TimeSpan.FromSeconds(60);
        await using var kernel = await KernelClient.StartAsync(TestEnvironment.PythonKernel(), new KernelClientOptions { ShutdownGracePeriod = grace }, CancellationToken.None);
        (await new NotebookExecutor().ExecuteAsync(kernel, notebook, new ExecutionOptions(), CancellationToken.None)).Status.ShouldBe(ExecutionStatus.Ok);

        await kernel.ShutdownAsync();

        var shutdown = kernel.LastShutdown.ShouldNotBeNull();
        shutdown.ReplyReceived.ShouldBeTrue();
        shutdown.Outcome.ShouldBeOneOf(KernelShutdownOutcome.Graceful, KernelShutdownOutcome.Terminated);
        shutdown.TerminateReason.ShouldNotBe(KernelTerminateReason.GracePeriodEnded);
        shutdown.Duration.ShouldBeLessThan(grace);
        TestEnvironment.ProcessExists(notebook.KernelPid()).ShouldBeFalse();
        var child = int.Parse(notebook.Outputs(1).Single()!["text"]!.ToString());
        TestEnvironment.ProcessExists(child).ShouldBeFalse();
    }

    [Fact]
    public async Task KernelThatAlreadyExited_IsReportedSo()
    {
        var notebook = WithPidCell(Code("import os; os._exit(0)"));
        await using var kernel = await KernelClient.StartAsync(TestEnvironment.PythonKernel(), null, CancellationToken.None);
        (await new NotebookExecutor().ExecuteAsync(kernel, notebook, new ExecutionOptions(), CancellationToken.None)).Status.ShouldBe(ExecutionStatus.KernelDied);

        await kernel.ShutdownAsync();

        kernel.LastShutdown.ShouldNotBeNull();
        kernel.LastShutdown.Outcome.ShouldBe(KernelShutdownOutcome.AlreadyExited);
        kernel.LastShutdown.ReplyReceived.ShouldBeFalse();
    }

    /// <summary>
    /// Runs <paramref name="notebook"/> on a kernel with a 60 s shutdown grace period, shuts it down and expects it
    /// answered, then got SIGTERM for <paramref name="reason"/> (not the grace period ending) and is gone.
    /// </summary>
    private static async Task RunThenExpectTerminatedAsync(JsonObject notebook, KernelTerminateReason reason)
    {
        var options = new KernelClientOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(60) };
        await using var kernel = await KernelClient.StartAsync(TestEnvironment.PythonKernel(), options, CancellationToken.None);
        (await new NotebookExecutor().ExecuteAsync(kernel, notebook, new ExecutionOptions(), CancellationToken.None)).Status.ShouldBe(ExecutionStatus.Ok);

        await kernel.ShutdownAsync();

        kernel.LastShutdown.ShouldNotBeNull();
        kernel.LastShutdown.ReplyReceived.ShouldBeTrue();
        kernel.LastShutdown.Outcome.ShouldBe(KernelShutdownOutcome.Terminated);
        kernel.LastShutdown.TerminateReason.ShouldBe(reason);
        TestEnvironment.ProcessExists(notebook.KernelPid()).ShouldBeFalse();
    }
}
