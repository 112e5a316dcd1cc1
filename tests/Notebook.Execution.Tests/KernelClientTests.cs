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
