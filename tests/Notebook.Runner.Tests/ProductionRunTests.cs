using System.Text.Json.Nodes;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>What production throws at a run: output floods, SIGKILL of the runner, shared output volumes, live logs.</summary>
public sealed class ProductionRunTests : TempFolderTest
{
    private const string Flood = "import sys\nwhile True:\n    sys.stdout.write('x' * 59 + '\\n')\n    sys.stdout.flush()";

    [Fact]
    public async Task A_cell_flooding_stdout_stops_at_its_timeout_and_keeps_a_bounded_head_and_tail()
    {
        var dir = NewTempDirectory();
        // A fixed 2.4 MB flood, twelve times the limit, then the cell idles until its timeout: what is kept does not
        // depend on how fast a loaded machine writes.
        const string fixedFlood = "import sys, time\nfor _ in range(40000):\n    sys.stdout.write('x' * 59 + '\\n')\n    sys.stdout.flush()\nwhile True:\n    time.sleep(0.1)";
        Write(dir, "nb.ipynb", Code("print('start')"), Code("print('head line')\n" + fixedFlood));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--cell-timeout", "15s", "--max-stream-output", "200k");

        result.ExitCode.ShouldBe(ExitCodes.Timeout, result.ToString());
        result.StandardError.ShouldContain("NB5106");
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        await outputs.ShouldBeCompleteAsync();
        var text = StreamText(outputs.Notebook, 1);
        text.ShouldStartWith("head line\n");
        text.Length.ShouldBeLessThan(210_000);
        text.ShouldContain("characters of this output were left out");
        // The tail is the flood's last lines, whole lines of the same shape.
        text.TrimEnd('\n').Split('\n')[^1].ShouldBe(new string('x', 59));
        new FileInfo(outputs.NotebookPath).Length.ShouldBeLessThan(1_000_000);
    }

    [Fact]
    public async Task SIGTERM_during_a_flood_ends_the_run_as_terminated()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("open('started', 'w').close()\n" + Flood));
        using var runner = RunnerProcess.Start(dir, ["nb.ipynb", "--max-stream-output", "100k"]);
        await WaitForFileAsync(Path.Combine(dir, "started"), runner);
        await Task.Delay(500);

        runner.Signal(15);
        var result = await runner.WaitAsync(TimeSpan.FromSeconds(30));

        result.ExitCode.ShouldBe(ExitCodes.Terminated, result.ToString());
        RunOutputs.In(Path.Combine(dir, "output")).RunJson["status"]!.GetValue<string>().ShouldBe("terminated");
    }

    [Fact]
    public async Task Log_output_streams_every_output_to_the_runners_own_streams()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb",
            Code("import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)"),
            Code("from IPython.display import display\ndisplay('a displayed value')\n6 * 7"),
            Code("raise ValueError('boom in the log')"));

        var logged = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--log-output");
        var quiet = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", "quiet");
        var byEnvironment = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["NBRUN_LOG_OUTPUT"] = "1" }, "nb.ipynb", "--output-dir", "env");

        logged.ExitCode.ShouldBe(ExitCodes.CellFailed, logged.ToString());
        logged.StandardOutput.ShouldContain("to stdout\n");
        logged.StandardOutput.ShouldContain("'a displayed value'\n");
        logged.StandardOutput.ShouldContain("42\n");
        logged.StandardOutput.ShouldNotContain("to stderr");
        logged.StandardError.ShouldContain("to stderr\n");
        logged.StandardError.ShouldContain("boom in the log");
        quiet.StandardOutput.ShouldNotContain("to stdout");
        byEnvironment.StandardOutput.ShouldContain("to stdout\n");
    }

    [Fact]
    public async Task A_SIGKILLed_runner_leaves_the_last_save_and_no_kernel()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb",
            Code("import os, subprocess\nopen('kernel.pid', 'w').write(str(os.getpid()))\nchild = subprocess.Popen(['sleep', '300'])\nopen('child.pid', 'w').write(str(child.pid))\nprint('first cell')"),
            Code("import sys, time\nprint('during the long cell')\nsys.stdout.flush()\ntime.sleep(300)"));
        using var runner = RunnerProcess.Start(dir, ["nb.ipynb", "--autosave-cell-every", "1"]);
        var saved = Path.Combine(dir, "output", "nb.ipynb");
        await WaitUntilAsync(() => File.Exists(saved) && File.ReadAllText(saved).Contains("\"during the long cell\\n\""), runner, "the autosave during the long cell");
        var kernel = int.Parse(File.ReadAllText(Path.Combine(dir, "kernel.pid")));
        var child = int.Parse(File.ReadAllText(Path.Combine(dir, "child.pid")));

        runner.Signal(9);

        await WaitUntilAsync(() => !Alive(kernel) && !Alive(child), runner, "the kernel and its child to be gone", TimeSpan.FromSeconds(10));
        RunnerProcess.LeftoverProcesses(runner.Marker).ShouldBeEmpty();
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        File.Exists(outputs.HtmlPath).ShouldBeFalse();
        Directory.GetFiles(outputs.Folder, "*.tmp").ShouldBeEmpty();
        var notebook = outputs.Notebook;
        StreamText(notebook, 0).ShouldBe("first cell\n");
        StreamText(notebook, 1).ShouldBe("during the long cell\n");
        notebook.Metadata["notebook_sdk"]!["run"]!["status"]!.GetValue<string>().ShouldBe("running");
        (await NbformatProblemAsync(outputs.NotebookPath)).ShouldBeNull();
        var run = outputs.RunJson;
        run["status"]!.GetValue<string>().ShouldBe("running");
        run["exit_code"].ShouldBeNull();
        run["ended"].ShouldBeNull();
    }

    [Fact]
    public async Task Output_folders_per_run_never_collide_and_name_the_run()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('hi')"));

        var first = RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", "out/{notebook}/{run_id}");
        var second = RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", "out/{notebook}/{run_id}");
        var results = await Task.WhenAll(first, second);
        var stamped = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", "stamped/{started}");
        var unknown = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", "out/{user}");

        results.ShouldAllBe(r => r.ExitCode == 0);
        var folders = Directory.GetDirectories(Path.Combine(dir, "out", "nb"));
        folders.Length.ShouldBe(2);
        foreach (var folder in folders)
        {
            var outputs = RunOutputs.In(folder);
            await outputs.ShouldBeCompleteAsync();
            outputs.RunJson["run_id"]!.GetValue<string>().ShouldBe(Path.GetFileName(folder));
            outputs.Notebook.Metadata["notebook_sdk"]!["run"]!["run_id"]!.GetValue<string>().ShouldBe(Path.GetFileName(folder));
        }

        stamped.ExitCode.ShouldBe(0, stamped.ToString());
        Path.GetFileName(Directory.GetDirectories(Path.Combine(dir, "stamped")).Single()).ShouldMatch(@"^\d{8}T\d{6}Z$");
        unknown.ExitCode.ShouldBe(ExitCodes.Usage);
        unknown.StandardError.ShouldContain("NB5220");
    }

    [Fact]
    public async Task A_kernel_that_never_starts_leaves_a_notebook_with_no_old_outputs()
    {
        var dir = NewTempDirectory();
        var stale = Code("print('old')");
        stale["execution_count"] = 7;
        stale["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "old\n" });
        var path = Write(dir, "nb.ipynb", stale);
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        notebook["metadata"]!["kernelspec"]!["name"] = "no-such-kernel";
        notebook["metadata"]!["widgets"] = new JsonObject { ["application/vnd.jupyter.widget-state+json"] = new JsonObject() };
        File.WriteAllText(path, notebook.ToJsonString());

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb");

        result.ExitCode.ShouldBe(ExitCodes.Kernel, result.ToString());
        result.StandardError.ShouldContain("NB5101");
        result.StandardError.ShouldContain("NB5222");
        var written = RunOutputs.In(Path.Combine(dir, "output")).Notebook;
        ExecutionCount(written, 0).ShouldBeNull();
        written.Cells.Single().Outputs.ShouldBeEmpty();
        written.Metadata.ContainsKey("widgets").ShouldBeFalse();
    }

    [Fact]
    public async Task The_kernel_name_python_runs_on_python3()
    {
        var dir = NewTempDirectory();
        var path = Write(dir, "nb.ipynb", Code("print(1 + 1)"));
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        notebook["metadata"]!["kernelspec"]!["name"] = "python";
        File.WriteAllText(path, notebook.ToJsonString());

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb");

        result.ExitCode.ShouldBe(0, result.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 0).ShouldBe("2\n");
    }

    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal static Task WaitForFileAsync(string path, RunnerProcess runner) =>
        WaitUntilAsync(() => File.Exists(path), runner, Path.GetFileName(path));

    internal static async Task WaitUntilAsync(Func<bool> condition, RunnerProcess runner, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(45));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for {what}. stderr:\n" + runner.StandardErrorSoFar);
            await Task.Delay(50);
        }
    }
}
