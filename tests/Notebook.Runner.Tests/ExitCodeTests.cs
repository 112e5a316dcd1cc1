using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>Each exit code of nbrun, by a real run of the real program against the real ipykernel.</summary>
public sealed class ExitCodeTests : TempFolderTest
{
    [Fact]
    public async Task A_clean_run_exits_0_and_writes_a_valid_notebook_report_and_run_json()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb",
            Code("top_n: int = 10\nlabel = 'x'", "parameters"),
            Code("print(top_n * 2, label)"),
            Markdown("# Title"),
            Code("top_n + 1"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-p", "top_n=21", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        await outputs.ShouldBeCompleteAsync();
        var notebook = outputs.Notebook;
        notebook.Cells.ElementAt(1).HasTag("injected-parameters").ShouldBeTrue();
        StreamText(notebook, 2).ShouldBe("42 x\n");
        var run = outputs.RunJson;
        result.StandardOutput.Trim().ShouldBe(File.ReadAllText(outputs.RunJsonPath).Trim());
        run["status"]!.GetValue<string>().ShouldBe("succeeded");
        run["exit_code"]!.GetValue<int>().ShouldBe(0);
        run["kernel"]!.GetValue<string>().ShouldBe("python3");
        run["notebook"]!.GetValue<string>().ShouldEndWith("nb.ipynb");
        run["parameters"]!["top_n"]!.GetValue<int>().ShouldBe(21);
        run["failed_cell"].ShouldBeNull();
        var started = DateTimeOffset.Parse(run["started"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var ended = DateTimeOffset.Parse(run["ended"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        run["started"]!.GetValue<string>().ShouldEndWith("Z");
        ended.ShouldBeGreaterThanOrEqualTo(started);
        run["duration_seconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        var cells = run["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        cells.Select(c => c["index"]!.GetValue<int>()).ShouldBe([0, 1, 2, 4]);
        cells.ShouldAllBe(c => c["status"]!.GetValue<string>() == "ok" && c["id"] != null && c["duration_seconds"] != null);
        var shutdown = run["kernel_shutdown"]!;
        shutdown["reply_received"]!.GetValue<bool>().ShouldBeTrue();
        shutdown["outcome"]!.GetValue<string>().ShouldBeOneOf("graceful", "terminated");
        if (shutdown["outcome"]!.GetValue<string>() == "terminated")
        {
            // ipykernel 6.x sometimes gets stuck in its own exit after answering (see KernelShutdownTests).
            shutdown["terminate_reason"]!.GetValue<string>().ShouldBe("exit_stuck");
        }

        notebook.Metadata["notebook_sdk"]!["run"]!["status"]!.GetValue<string>().ShouldBe("succeeded");
        notebook.Metadata["notebook_sdk"]!["run"]!["parameters"]!["top_n"]!.GetValue<int>().ShouldBe(21);
        Regex.Matches(result.StandardError, @"^\[(\d)/4\] cell (\d) ok \d+\.\d\ds$", RegexOptions.Multiline)
            .Select(m => m.Groups[2].Value).ShouldBe(["0", "1", "2", "4"]);
    }

    [Fact]
    public async Task A_cell_that_raises_exits_1_names_the_cell_and_keeps_the_executed_notebook()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb",
            Code("print('first')"),
            Code("raise ValueError('bad value ' * 200)"),
            Code("print('never')"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", "out");

        result.ExitCode.ShouldBe(1, result.ToString());
        var message = result.StandardError.Split('\n').Single(l => l.Contains("NB5108"));
        message.ShouldContain("Cell 1");
        message.ShouldContain("ValueError");
        message.Length.ShouldBeLessThan(700, "the exception value is trimmed on stderr");
        var outputs = RunOutputs.In(Path.Combine(dir, "out"));
        await outputs.ShouldBeCompleteAsync();
        StreamText(outputs.Notebook, 0).ShouldBe("first\n");
        ExecutionCount(outputs.Notebook, 2).ShouldBeNull();
        var run = outputs.RunJson;
        run["status"]!.GetValue<string>().ShouldBe("failed");
        run["exit_code"]!.GetValue<int>().ShouldBe(1);
        run["failed_cell"]!["index"]!.GetValue<int>().ShouldBe(1);
        run["failed_cell"]!["ename"]!.GetValue<string>().ShouldBe("ValueError");
        run["failed_cell"]!["evalue"]!.GetValue<string>().ShouldStartWith("bad value bad value");
        outputs.Notebook.Metadata["notebook_sdk"]!["run"]!["failed_cell"]!["index"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task With_allow_errors_a_raising_cell_does_not_stop_the_run()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("1/0"), Code("print('after')"));

        var result = await RunnerProcess.RunAsync(dir, "--allow-errors");

        result.ExitCode.ShouldBe(0, result.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 1).ShouldBe("after\n");
    }

    [Fact]
    public async Task Bad_parameters_exit_2_and_nothing_runs_or_is_written()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("n: int = 1", "parameters"), Code("open('ran', 'w').close()"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-p", "n=one");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain("NB2021");
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();
        File.Exists(Path.Combine(dir, "ran")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_kernel_that_cannot_start_exits_3()
    {
        var dir = NewTempDirectory();
        var kernels = Path.Combine(dir, "jupyter", "kernels", "broken");
        Directory.CreateDirectory(kernels);
        File.WriteAllText(Path.Combine(kernels, "kernel.json"),
            """{"argv": ["/bin/false", "{connection_file}"], "display_name": "Broken", "language": "python"}""");
        Write(dir, "nb.ipynb", Code("print(1)"));

        var result = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["JUPYTER_PATH"] = Path.Combine(dir, "jupyter") },
            "nb.ipynb", "--kernel", "broken");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.StandardError.ShouldMatch("error NB510[34]");
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        outputs.RunJson["status"]!.GetValue<string>().ShouldBe("kernel_failed");
        outputs.RunJson["exit_code"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task A_kernel_that_dies_exits_3()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('alive')"), Code("import os; os._exit(1)"), Code("print('never')"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.StandardError.ShouldContain("NB5105");
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        await outputs.ShouldBeCompleteAsync();
        StreamText(outputs.Notebook, 0).ShouldBe("alive\n");
        outputs.RunJson["status"]!.GetValue<string>().ShouldBe("kernel_died");
        outputs.RunJson["failed_cell"]!["index"]!.GetValue<int>().ShouldBe(1);
        outputs.RunJson["kernel_shutdown"]!["outcome"]!.GetValue<string>().ShouldBe("already_exited");
        outputs.RunJson["kernel_shutdown"]!["reply_received"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_cell_timeout_exits_4()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('quick')"), Code("import time\ntime.sleep(60)"), Code("print('never')"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--cell-timeout", "1500ms");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.StandardError.ShouldContain("NB5106");
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        await outputs.ShouldBeCompleteAsync();
        outputs.RunJson["status"]!.GetValue<string>().ShouldBe("timed_out");
        outputs.RunJson["failed_cell"]!["index"]!.GetValue<int>().ShouldBe(1);
        ExecutionCount(outputs.Notebook, 2).ShouldBeNull();
    }

    [Fact]
    public async Task A_notebook_timeout_exits_4()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("import time\ntime.sleep(60)"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--timeout=4s");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.StandardError.ShouldContain("NB5107");
        RunOutputs.In(Path.Combine(dir, "output")).RunJson["status"]!.GetValue<string>().ShouldBe("timed_out");
    }
}
