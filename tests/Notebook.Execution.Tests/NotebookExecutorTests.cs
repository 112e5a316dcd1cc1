using System.Diagnostics;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;
using static Notebook.Execution.Tests.NotebookBuilder;

namespace Notebook.Execution.Tests;

/// <summary>The executor against a real ipykernel; every scenario also checks that no kernel process is left.</summary>
public sealed class NotebookExecutorTests
{
    private static async Task<ExecutionResult> RunAsync(JsonObject notebook, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        TestEnvironment.PythonKernel();
        var result = await new NotebookExecutor().ExecuteAsync(notebook, options ?? new ExecutionOptions(), cancellationToken);
        var pid = notebook.KernelPid();
        TestEnvironment.ProcessExists(pid).ShouldBeFalse($"kernel process {pid} is still alive after the run");
        return result;
    }

    [Fact]
    public async Task SimpleCode_GivesExecuteResultCountsLanguageInfoAndProgress()
    {
        var progress = new List<CellProgress>();
        var notebook = WithPidCell(Markdown("# title"), Code("1 + 1"), Code("   \n"));

        var result = await RunAsync(notebook, new ExecutionOptions { Progress = p => { lock (progress) progress.Add(p); } });

        result.Status.ShouldBe(ExecutionStatus.Ok);
        result.Diagnostic.ShouldBeNull();
        var output = (JsonObject)notebook.Outputs(2).Single()!;
        output["output_type"]!.ToString().ShouldBe("execute_result");
        output["data"]!["text/plain"]!.ToString().ShouldBe("2");
        output["execution_count"]!.GetValue<int>().ShouldBe(2);
        output.ContainsKey("transient").ShouldBeFalse();
        notebook.Cell(2)["execution_count"]!.GetValue<int>().ShouldBe(2);
        notebook.Cell(3)["execution_count"].ShouldBeNull();
        notebook["metadata"]!["language_info"]!["name"]!.ToString().ShouldBe("python");
        var timing = (JsonObject)notebook.Cell(2)["metadata"]!["execution"]!;
        timing.Select(p => p.Key).ShouldBe(["iopub.status.busy", "iopub.execute_input", "shell.execute_reply.started", "shell.execute_reply", "iopub.status.idle"], ignoreOrder: true);
        progress.Select(p => (p.Index, p.Status)).ShouldBe([(0, CellStatus.Running), (0, CellStatus.Ok), (2, CellStatus.Running), (2, CellStatus.Ok)]);
        result.Cells.Select(c => c.Index).ShouldBe([0, 2]);
    }

    [Fact]
    public async Task Streams_ConsecutiveSameNameAreMerged()
    {
        var notebook = WithPidCell(Code("""
            import sys, time
            for i in range(3):
                print(i, flush=True)
                time.sleep(0.05)
            sys.stderr.write("e1\n"); sys.stderr.flush(); time.sleep(0.05)
            sys.stderr.write("e2\n"); sys.stderr.flush(); time.sleep(0.05)
            print("last")
            """));

        (await RunAsync(notebook)).Status.ShouldBe(ExecutionStatus.Ok);

        var outputs = notebook.Outputs(1).Select(o => (o!["name"]!.ToString(), o["text"]!.ToString())).ToArray();
        outputs.ShouldBe([("stdout", "0\n1\n2\n"), ("stderr", "e1\ne2\n"), ("stdout", "last\n")]);
    }

    [Fact]
    public async Task DisplayUpdate_ReachesEarlierCells_AndClearOutputWaitDefers()
    {
        var notebook = WithPidCell(
            Code("h = display('first', display_id='d1')"),
            Code("display('again', display_id='d1'); h.update('updated')"),
            Code("from IPython.display import clear_output\nprint('Hello', end='')\nclear_output(wait=True)\nprint('world', end='')"),
            Code("print('kept', end='')\nclear_output(wait=True)"),
            Code("print('gone')\nclear_output()"));

        (await RunAsync(notebook)).Status.ShouldBe(ExecutionStatus.Ok);

        notebook.Outputs(1).Single()!["data"]!["text/plain"]!.ToString().ShouldBe("'updated'");
        notebook.Outputs(2).Single()!["data"]!["text/plain"]!.ToString().ShouldBe("'updated'");
        notebook.Outputs(3).Single()!["text"]!.ToString().ShouldBe("world");
        notebook.Outputs(4).Single()!["text"]!.ToString().ShouldBe("kept");
        notebook.Outputs(5).ShouldBeEmpty();
    }

    [Fact]
    public async Task ErrorCell_StopsTheRun_UnlessTaggedRaisesException()
    {
        var untouched = Code("print('never')");
        untouched["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "old\n" });
        var notebook = WithPidCell(
            Code("raise ValueError('expected')", "raises-exception"),
            Code("1 / 0"),
            untouched,
            Code("print('skipped')", "skip-execution"));

        var result = await RunAsync(notebook);

        result.Status.ShouldBe(ExecutionStatus.CellError);
        result.FailedCellIndex.ShouldBe(2);
        result.ErrorName.ShouldBe("ZeroDivisionError");
        result.ErrorValue.ShouldBe("division by zero");
        result.Diagnostic!.Code.ShouldBe("NB5108");
        notebook.Outputs(1).Single()!["ename"]!.ToString().ShouldBe("ValueError");
        var error = (JsonObject)notebook.Outputs(2).Single()!;
        error["output_type"]!.ToString().ShouldBe("error");
        error["evalue"]!.ToString().ShouldBe("division by zero");
        ((JsonArray)error["traceback"]!).Count.ShouldBeGreaterThan(0);
        notebook.Outputs(3).Single()!["text"]!.ToString().ShouldBe("old\n");
        notebook.Cell(3)["execution_count"].ShouldBeNull();
    }

    [Fact]
    public async Task AllowErrors_RunsOn_AndSkipExecutionIsNotRun()
    {
        var notebook = WithPidCell(Code("1 / 0"), Code("print('skipped')", "skip-execution"), Code("print('after')"));

        var result = await RunAsync(notebook, new ExecutionOptions { AllowErrors = true });

        result.Status.ShouldBe(ExecutionStatus.Ok);
        notebook.Outputs(1).Single()!["ename"]!.ToString().ShouldBe("ZeroDivisionError");
        notebook.Outputs(2).ShouldBeEmpty();
        notebook.Cell(2)["execution_count"].ShouldBeNull();
        result.Cells.Single(c => c.Index == 2).Status.ShouldBe(CellStatus.Skipped);
        notebook.Outputs(3).Single()!["text"]!.ToString().ShouldBe("after\n");
    }

    [Theory]
    [InlineData("import os; os._exit(1)")]
    [InlineData("import os; os.kill(os.getpid(), 9)")]
    public async Task KernelDeath_IsDetectedWithinFiveSeconds(string code)
    {
        var notebook = WithPidCell(Code("print('before', flush=True)\n" + code), Code("print('never')"));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(notebook, new ExecutionOptions { CellTimeout = TimeSpan.FromSeconds(60) });

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5 + 2), "death detection plus kernel start must be quick");
        result.Status.ShouldBe(ExecutionStatus.KernelDied);
        result.FailedCellIndex.ShouldBe(1);
        result.Exception.ShouldBeOfType<KernelDiedException>();
        result.Diagnostic!.Code.ShouldBe("NB5105");
        notebook.Outputs(2).ShouldBeEmpty();
        result.Cells.Single(c => c.Index == 1).Duration.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("print('ok')", ExecutionStatus.Ok)]
    [InlineData("import os; os._exit(3)", ExecutionStatus.KernelDied)]
    public async Task ProcessesTheKernelStarted_DoNotOutliveTheRun(string last, ExecutionStatus expected)
    {
        var notebook = WithPidCell(Code("import subprocess; p = subprocess.Popen(['sleep', '60']); print(p.pid, end='')"), Code(last));

        // ipykernel 6.17 waits for its children on shutdown_request: a short grace exercises SIGTERM and the group kill.
        var result = await RunAsync(notebook, new ExecutionOptions { Kernel = new() { ShutdownGracePeriod = TimeSpan.FromMilliseconds(500) } });

        result.Status.ShouldBe(expected);
        var child = int.Parse(notebook.Outputs(1).Single()!["text"]!.ToString());
        TestEnvironment.ProcessExists(child).ShouldBeFalse($"process {child} started by the kernel is still alive");
    }

    [Fact]
    public async Task FrozenKernel_IsFoundDeadThroughTheMissingHeartbeat()
    {
        // SIGSTOP freezes every thread, the heartbeat's too, while the process and its sockets stay.
        var notebook = WithPidCell(Code("import os, signal\nos.kill(os.getpid(), signal.SIGSTOP)"), Code("print('never')"));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(notebook, new ExecutionOptions { CellTimeout = TimeSpan.FromSeconds(60) });

        result.Status.ShouldBe(ExecutionStatus.KernelDied);
        result.Exception.ShouldBeOfType<KernelDiedException>().Reason.ShouldContain("heartbeat");
        result.Cells.Single(c => c.Index == 1).Duration.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task CellTimeout_InterruptsTheKernelAndReportsTimeout()
    {
        var notebook = WithPidCell(Code("import time\ntime.sleep(30)"), Code("print('never')"));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(notebook, new ExecutionOptions { CellTimeout = TimeSpan.FromSeconds(1) });

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        result.Status.ShouldBe(ExecutionStatus.Timeout);
        result.FailedCellIndex.ShouldBe(1);
        result.Diagnostic!.Code.ShouldBe("NB5106");
        result.Exception.ShouldBeOfType<CellTimeoutException>().IsNotebookTimeout.ShouldBeFalse();
        // The interrupt landed: the cell shows the KeyboardInterrupt, as nbclient's interrupt_on_timeout does.
        notebook.Outputs(1).Single()!["ename"]!.ToString().ShouldBe("KeyboardInterrupt");
        notebook.Outputs(2).ShouldBeEmpty();
    }

    [Fact]
    public async Task NotebookTimeout_CountsAllCells()
    {
        var notebook = WithPidCell(Code("import time"), Code("time.sleep(0.8)"), Code("time.sleep(0.8)"), Code("time.sleep(0.8)"), Code("time.sleep(0.8)"));

        var result = await RunAsync(notebook, new ExecutionOptions { Timeout = TimeSpan.FromSeconds(3), CellTimeout = TimeSpan.FromSeconds(60) });

        result.Status.ShouldBe(ExecutionStatus.Timeout);
        result.Diagnostic!.Code.ShouldBe("NB5107");
        result.Exception.ShouldBeOfType<CellTimeoutException>().IsNotebookTimeout.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancellation_InterruptsAndKeepsThePartialNotebook()
    {
        var notebook = WithPidCell(Code("print('done before')"), Code("import time\nprint('started', flush=True)\ntime.sleep(30)"), Code("print('never')"));
        using var cancel = new CancellationTokenSource();
        var options = new ExecutionOptions
        {
            Progress = p =>
            {
                if (p.Index == 2 && p.Status == CellStatus.Running)
                {
                    cancel.CancelAfter(TimeSpan.FromSeconds(1));
                }
            },
        };
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(notebook, options, cancel.Token);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        result.Status.ShouldBe(ExecutionStatus.Cancelled);
        result.FailedCellIndex.ShouldBe(2);
        result.Diagnostic!.Code.ShouldBe("NB5109");
        notebook.Outputs(1).Single()!["text"]!.ToString().ShouldBe("done before\n");
        notebook.Outputs(2)[0]!["text"]!.ToString().ShouldBe("started\n");
        notebook.Outputs(3).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownKernel_IsNB5101()
    {
        var error = await Should.ThrowAsync<NotebookSdkException>(() =>
            new NotebookExecutor().ExecuteAsync(WithPidCell(), new ExecutionOptions { KernelName = "no-such-kernel" }, CancellationToken.None));
        error.Code.ShouldBe("NB5101");
    }
}
