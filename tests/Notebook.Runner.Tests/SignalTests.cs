using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>SIGINT and SIGTERM while a cell runs: the kernel is interrupted and stopped, the partial run is written.</summary>
public sealed class SignalTests : TempFolderTest
{
    [Theory]
    [InlineData(2, 130, "interrupted")]
    [InlineData(15, 143, "terminated")]
    public async Task A_signal_during_a_cell_writes_the_partial_run_and_exits_128_plus_the_signal(int signal, int exitCode, string status)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb",
            Code("print('before')"),
            Code("open('started', 'w').close()\nimport time\ntime.sleep(60)"),
            Code("print('never')"));
        using var runner = RunnerProcess.Start(dir, ["nb.ipynb"]);

        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!File.Exists(Path.Combine(dir, "started")))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sleeping cell never started. stderr:\n" + runner.StandardErrorSoFar);
            await Task.Delay(50);
        }

        runner.Signal(signal);
        var result = await runner.WaitAsync(TimeSpan.FromSeconds(30));

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.StandardError.ShouldContain("NB5213");
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        await outputs.ShouldBeCompleteAsync();
        StreamText(outputs.Notebook, 0).ShouldBe("before\n");
        ExecutionCount(outputs.Notebook, 2).ShouldBeNull();
        var run = outputs.RunJson;
        run["status"]!.GetValue<string>().ShouldBe(status);
        run["exit_code"]!.GetValue<int>().ShouldBe(exitCode);
        run["failed_cell"]!["index"]!.GetValue<int>().ShouldBe(1);
    }
}
