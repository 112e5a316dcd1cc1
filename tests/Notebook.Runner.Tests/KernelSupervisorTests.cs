using System.Diagnostics;
using System.Text;
using Notebook.E2E;
using Notebook.Execution.Kernels;
using Notebook.Runner.Containers;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Runner.Tests;

/// <summary>
/// The image side of a container kernel, run here on the host against Debian's ipykernel and jupyter_client:
/// connection information from stdin, the kernel on exactly those ports, SIGINT as an interrupt, and the end of
/// stdin (the launcher gone) stopping the kernel and everything with it.
/// </summary>
public sealed class KernelSupervisorTests : TempFolderTest
{
    private const string Client = """
        import json, os, sys, time
        from jupyter_client import BlockingKernelClient
        def say(*items):
            print(json.dumps(list(items)), flush=True)
        kc = BlockingKernelClient(connection_file=sys.argv[1]); kc.load_connection_file(); kc.start_channels()
        # A client of a kernel it did not start: until the heartbeat answers, wait_for_ready takes it for dead.
        deadline = time.time() + 90
        while True:
            try:
                kc.wait_for_ready(timeout=10)
                break
            except RuntimeError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        out = []
        kc.execute_interactive("import os; print(os.getpid())", timeout=60, output_hook=lambda m: out.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
        say("pid", int("".join(out)))
        msg_id = kc.execute("import time; time.sleep(300)")
        while True:
            m = kc.get_iopub_msg(timeout=60)
            if m["msg_type"] == "execute_input" and m["parent_header"].get("msg_id") == msg_id:
                break
        say("busy")
        while True:
            r = kc.get_shell_msg(timeout=120)
            if r["parent_header"].get("msg_id") == msg_id:
                break
        say("interrupted", r["content"].get("ename"))
        """;

    [Fact]
    public async Task The_supervisor_runs_the_kernel_on_the_given_connection_interrupts_it_and_stops_it_when_stdin_ends()
    {
        var dir = NewTempDirectory();
        var connection = ConnectionInfo.CreateForLoopback("python3");
        var file = Path.Combine(dir, "connection.json");
        await connection.WriteAsync(file, CancellationToken.None);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = dir };
        foreach (var a in new[] { TestPaths.RunnerDll(), "kernel", "--connection-from-stdin" }) start.ArgumentList.Add(a);
        using var supervisor = Process.Start(start)!;
        var stderr = new StringBuilder();
        supervisor.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        supervisor.BeginErrorReadLine();
        supervisor.BeginOutputReadLine();
        try
        {
            await supervisor.StandardInput.WriteLineAsync(connection.ToJson().ToJsonString());
            await supervisor.StandardInput.FlushAsync();
            using var client = new PythonClient(Client, [file], new Dictionary<string, string?>());

            var pid = (await client.WaitForAsync("pid", TimeSpan.FromSeconds(90)))[1]!.GetValue<int>();
            await client.WaitForAsync("busy", TimeSpan.FromSeconds(60));
            await Task.Delay(300);
            ProcessSignals.Send(supervisor.Id, ProcessSignals.SigInt).ShouldBeTrue();
            (await client.WaitForAsync("interrupted", TimeSpan.FromSeconds(60)))[1]!.GetValue<string>().ShouldBe("KeyboardInterrupt");
            ProcessSignals.Exists(pid).ShouldBeTrue("the kernel survives an interrupt");

            supervisor.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await supervisor.WaitForExitAsync(exit.Token);
            supervisor.ExitCode.ShouldBe(143, stderr.ToString());
            ProcessSignals.Exists(pid).ShouldBeFalse("the kernel is stopped with its supervisor");
        }
        finally
        {
            if (!supervisor.HasExited) supervisor.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_first_stdin_line_that_is_not_a_connection_file_is_NB5151()
    {
        var dir = NewTempDirectory();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var run = await Command.RunAsync("/bin/sh", ["-c", $"echo '{{\"ip\": \"127.0.0.1\"}}' | '{dotnet}' '{TestPaths.RunnerDll()}' kernel --connection-from-stdin"], TimeSpan.FromSeconds(60), null, dir);
        run.ExitCode.ShouldBe(3, run.Output);
        run.Output.ShouldContain("NB5151");
        run.Output.ShouldContain("shell_port");
    }

    [Theory]
    [InlineData("kernel", new[] { "--image", "x" }, "-f {connection_file}")]
    [InlineData("kernel", new string[0], "either")]
    [InlineData("container", new[] { "--volume" }, "needs a value")]
    [InlineData("container", new[] { "--env", "NOEQUALS", "--image", "x" }, "NAME=VALUE")]
    public void Bad_container_command_lines_are_NB5230(string command, string[] args, string says)
    {
        var error = Should.Throw<Notebook.Diagnostics.NotebookSdkException>(() => ContainerCommandLine.Parse(command, args));
        error.Code.ShouldBe("NB5230");
        error.Message.ShouldContain(says);
    }

    [Fact]
    public void Runner_arguments_after_the_double_dash_go_to_the_container_untouched()
    {
        var o = ContainerCommandLine.Parse("container", ["--image", "sha256:ab", "-v", "/tmp/run:/app/output", "-e", "A=b=c", "--", "report.ipynb", "--image", "-p", "x", "1"]);
        o.Image.ShouldBe("sha256:ab");
        o.Volumes.ShouldBe(["/tmp/run:/app/output"]);
        o.Environment.ShouldBe([new KeyValuePair<string, string>("A", "b=c")]);
        o.RunnerArguments.ShouldBe(["report.ipynb", "--image", "-p", "x", "1"]);
        o.Network.ShouldBe("host");
    }
}
