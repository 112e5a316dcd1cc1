using System.Text.Json.Nodes;
using Notebook.Execution.Kernels;
using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

public sealed class KernelClientTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Start_HandshakesAndReturnsKernelInfoWithVerifiedSignatures()
    {
        var spec = TestEnvironment.PythonKernel();
        int pid;
        string connectionFile;
        await using (var client = await KernelClient.StartAsync(spec, null, CancellationToken.None))
        {
            pid = client.ProcessId;
            connectionFile = client.ConnectionFile;
            File.GetUnixFileMode(connectionFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            JsonNode.Parse(File.ReadAllText(connectionFile))!["signature_scheme"]!.ToString().ShouldBe("hmac-sha256");
            client.KernelInfo["protocol_version"]!.ToString().ShouldStartWith("5.");
            client.LanguageInfo!["name"]!.ToString().ShouldBe("python");
            client.DroppedMessages.ShouldBe(0);

            var reply = await client.RequestAsync(KernelChannel.Shell, "kernel_info_request", [], TimeSpan.FromSeconds(10), CancellationToken.None);
            reply.MsgType.ShouldBe("kernel_info_reply");
            reply.Header["version"]!.ToString().ShouldStartWith("5.");
            client.IsDead.ShouldBeFalse();
        }

        TestEnvironment.ProcessExists(pid).ShouldBeFalse();
        File.Exists(connectionFile).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/usr/bin/python3", "-c", "import sys; print('boom-on-stderr', file=sys.stderr); sys.exit(7)", "boom-on-stderr")]
    [InlineData("/nonexistent/python", "-m", "ipykernel_launcher", "/nonexistent/python")]
    public async Task KernelThatCannotStart_IsNB5103QuotingItsOutput(string program, string arg1, string arg2, string quoted)
    {
        TestEnvironment.PythonKernel();
        var spec = new KernelSpec("broken", TestEnvironment.CreateTempDirectory(), [program, arg1, arg2, "-f", "{connection_file}"], "Broken", "python", KernelInterruptMode.Signal, new Dictionary<string, string>());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Should.ThrowAsync<Notebook.Diagnostics.NotebookSdkException>(() => KernelClient.StartAsync(spec, null, CancellationToken.None));

        error.Code.ShouldBe("NB5103");
        error.Message.ShouldContain(quoted);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a kernel that exits must fail fast, not after the startup timeout");
        Directory.Delete(spec.ResourceDirectory);
    }

    [Fact]
    public async Task SpecWithMessageInterruptAndEnv_IsHonoured()
    {
        // A copy of the python3 spec that asks for interrupt_request on control and sets a variable from its env.
        var python = TestEnvironment.PythonKernel();
        var dataDir = TestEnvironment.CreateTempDirectory();
        try
        {
            var specDir = Path.Combine(dataDir, "kernels", "Py-Message");
            Directory.CreateDirectory(specDir);
            var spec = new JsonObject
            {
                ["argv"] = new JsonArray(python.Argv.Select(a => (JsonNode)a).ToArray()),
                ["display_name"] = "Python (message interrupt)",
                ["language"] = "python",
                ["interrupt_mode"] = "message",
                ["env"] = new JsonObject { ["NB_TEST_FROM_SPEC"] = "dir={resource_dir} home=${HOME}" },
            };
            File.WriteAllText(Path.Combine(specDir, "kernel.json"), spec.ToJsonString());
            var notebook = NotebookBuilder.WithPidCell(
                NotebookBuilder.Code("import os; print(os.environ['NB_TEST_FROM_SPEC'].startswith('dir='), os.environ['NB_TEST_FROM_SPEC'].endswith(os.environ['HOME']))"),
                NotebookBuilder.Code("import time; time.sleep(30)"));

            var result = await new NotebookExecutor().ExecuteAsync(notebook, new ExecutionOptions
            {
                KernelName = "py-message",
                KernelSpecFinder = new KernelSpecFinder([dataDir]),
                CellTimeout = TimeSpan.FromSeconds(1),
            }, CancellationToken.None);

            result.KernelName.ShouldBe("py-message");
            notebook.Outputs(1).Single()!["text"]!.ToString().ShouldBe("True True\n");
            result.Status.ShouldBe(ExecutionStatus.Timeout);
            notebook.Outputs(2).Single()!["ename"]!.ToString().ShouldBe("KeyboardInterrupt");
            TestEnvironment.ProcessExists(notebook.KernelPid()).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}

/// <summary>A kernel whose port another process took between the pick and its bind (the race every Jupyter client has).</summary>
public sealed class KernelPortConflictTests
{
    // Holds the connection file's iopub port open (inherited across exec) before it becomes ipykernel, for the
    // first CONFLICTS launches only: ipykernel's bind then fails with "Address already in use", and it stays alive.
    private const string Wrapper = """
        import json, os, socket, sys
        connection_file = sys.argv[sys.argv.index('-f') + 1]
        counter = os.environ['NB_TEST_LAUNCHES']
        launches = len(open(counter).read()) if os.path.exists(counter) else 0
        open(counter, 'a').write('x')
        if launches < int(os.environ['NB_TEST_CONFLICTS']):
            taken = socket.socket()
            taken.bind(('127.0.0.1', json.load(open(connection_file))['iopub_port']))
            taken.listen()
            os.set_inheritable(taken.fileno(), True)
        os.execv(sys.executable, [sys.executable, '-m', 'ipykernel_launcher'] + sys.argv[1:])
        """;

    [Fact]
    public async Task KernelWhosePortWasTaken_IsStartedAgainOnNewPorts()
    {
        var (spec, counter) = WrappedKernel(conflicts: 1);

        await using (var client = await KernelClient.StartAsync(spec, null, CancellationToken.None))
        {
            var reply = await client.RequestAsync(KernelChannel.Shell, "kernel_info_request", [], TimeSpan.FromSeconds(10), CancellationToken.None);
            reply.MsgType.ShouldBe("kernel_info_reply");
        }

        File.ReadAllText(counter).Length.ShouldBe(2, "one launch that met the taken port, one that worked");
    }

    [Fact]
    public async Task KernelWhosePortsAreAlwaysTaken_IsNB5103AfterTheLastAttempt()
    {
        // With a 5 min startup timeout, a client that only waited for kernel_info would end in NB5104 after 5 min.
        var (spec, counter) = WrappedKernel(conflicts: 100);
        var options = new KernelClientOptions { StartupTimeout = TimeSpan.FromMinutes(5) };

        var error = await Should.ThrowAsync<Notebook.Diagnostics.NotebookSdkException>(() => KernelClient.StartAsync(spec, options, CancellationToken.None));

        error.Code.ShouldBe("NB5103");
        error.Message.ShouldContain("Address already in use");
        File.ReadAllText(counter).Length.ShouldBe(KernelClient.MaxStartAttempts);
    }

    private static (KernelSpec Spec, string Counter) WrappedKernel(int conflicts)
    {
        TestEnvironment.PythonKernel();
        var dir = TestEnvironment.CreateTempDirectory();
        var script = Path.Combine(dir, "wrapper.py");
        File.WriteAllText(script, Wrapper);
        var counter = Path.Combine(dir, "launches");
        var env = new Dictionary<string, string>
        {
            ["NB_TEST_LAUNCHES"] = counter,
            ["NB_TEST_CONFLICTS"] = conflicts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var spec = new KernelSpec("wrapped", dir, ["/usr/bin/python3", script, "-f", "{connection_file}"], "Wrapped", "python", KernelInterruptMode.Signal, env);
        return (spec, counter);
    }
}
