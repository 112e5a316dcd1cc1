using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.E2E;
using Notebook.Execution.Kernels;
using Notebook.Execution.Kernels.Gateway;
using Shouldly;
using Xunit;
using static Notebook.Execution.Tests.NotebookBuilder;

namespace Notebook.Execution.Tests;

/// <summary>One real jupyter_server (Debian's 1.23) on loopback with a token, for the tests of a class.</summary>
public sealed class JupyterServerFixture : IAsyncLifetime
{
    public JupyterServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TestEnvironment.PythonKernel();
        Server = await JupyterServerProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary>The executor with <see cref="GatewayKernelProvisioner"/> against a real Jupyter Server: every test also checks that no kernel is left there.</summary>
public sealed class GatewayKernelTests(JupyterServerFixture fixture) : IClassFixture<JupyterServerFixture>, IAsyncLifetime
{
    private JupyterServerProcess Server => fixture.Server;

    private readonly List<Diagnostic> _warnings = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var left = await Server.KernelIdsAsync();
        await Server.DeleteAllKernelsAsync();
        _warnings.ShouldBeEmpty();
        left.ShouldBeEmpty("the gateway still runs kernels after the test");
    }

    private GatewayKernelProvisioner Provisioner(string? token = null, string? url = null, IReadOnlyDictionary<string, string>? environment = null) => new(new GatewayOptions
    {
        Url = new Uri(url ?? Server.Url),
        Token = token ?? Server.Token,
        Environment = environment ?? new Dictionary<string, string>(),
        Warning = d => { lock (_warnings) _warnings.Add(d); },
    });

    private Task<ExecutionResult> RunAsync(JsonObject notebook, ExecutionOptions? options = null, CancellationToken cancellationToken = default) =>
        new NotebookExecutor().ExecuteAsync(notebook, (options ?? new ExecutionOptions()) with { Provisioner = Provisioner() }, cancellationToken);

    private static JsonObject Sample() => NotebookBuilder.Notebook(
        Markdown("# sample"),
        Code("import sys\nprint('out 1')\nprint('err', file=sys.stderr)\nprint('out 2')"),
        Code("x = 6 * 7\nx"),
        Code("from IPython.display import display, HTML\nh = display(HTML('<b>first</b>'), display_id='d')\nh.update(HTML('<b>second</b>'))"),
        Code("raise ValueError('as planned')", NotebookExecutor.RaisesExceptionTag),
        Code("print('after the error')"));

    /// <summary>What a run leaves that must not depend on where the kernel ran: outputs, counts, language_info.</summary>
    private static JsonObject Comparable(JsonObject notebook)
    {
        var copy = (JsonObject)notebook.DeepClone();
        foreach (var cell in copy["cells"]!.AsArray().OfType<JsonObject>())
        {
            (cell["metadata"] as JsonObject)?.Remove("execution");
        }

        return copy;
    }

    [Fact]
    public async Task A_notebook_runs_with_the_same_outputs_as_on_a_local_kernel()
    {
        var local = Sample();
        var remote = Sample();
        var localResult = await new NotebookExecutor().ExecuteAsync(local, new ExecutionOptions(), CancellationToken.None);
        var remoteResult = await RunAsync(remote);

        localResult.Status.ShouldBe(ExecutionStatus.Ok);
        remoteResult.Status.ShouldBe(ExecutionStatus.Ok, remoteResult.Diagnostic?.ToString());
        var (localCells, remoteCells) = (Comparable(local)["cells"]!.AsArray(), Comparable(remote)["cells"]!.AsArray());
        for (var i = 0; i < localCells.Count; i++)
        {
            JsonNode.DeepEquals(remoteCells[i], localCells[i]).ShouldBeTrue($"cell {i}: gateway {remoteCells[i]!.ToJsonString()} local {localCells[i]!.ToJsonString()}");
        }

        JsonNode.DeepEquals(remote["metadata"], local["metadata"]).ShouldBeTrue($"gateway {remote["metadata"]!.ToJsonString()} local {local["metadata"]!.ToJsonString()}");
        remote.Outputs(1).Select(o => o!["name"]!.ToString()).Order().ShouldBe(["stderr", "stdout"]);
        remote.Outputs(3).Single()!["data"]!["text/html"]!.ToString().ShouldBe("<b>second</b>");
        remote["metadata"]!["language_info"]!["name"]!.ToString().ShouldBe("python");
        remoteResult.KernelShutdown!.Outcome.ShouldBe(KernelShutdownOutcome.Graceful);
    }

    [Fact]
    public async Task A_cell_timeout_interrupts_the_kernel_through_the_gateway()
    {
        var notebook = NotebookBuilder.Notebook(Code("import time\ntime.sleep(120)"), Code("print('never')"));

        var result = await RunAsync(notebook, new ExecutionOptions { CellTimeout = TimeSpan.FromSeconds(1) });

        result.Status.ShouldBe(ExecutionStatus.Timeout);
        result.Diagnostic!.Code.ShouldBe("NB5106");
        // POST /api/kernels/{id}/interrupt landed: the cell shows the KeyboardInterrupt.
        notebook.Outputs(0).Single()!["ename"]!.ToString().ShouldBe("KeyboardInterrupt");
        notebook.Outputs(1).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("import os; os._exit(1)")]
    [InlineData("import os; os.kill(os.getpid(), 9)")]
    public async Task A_kernel_that_dies_is_noticed_within_seconds(string code)
    {
        var notebook = NotebookBuilder.Notebook(Code("print('before', flush=True)\n" + code + "\nimport time; time.sleep(120)"), Code("print('never')"));

        // Unnoticed, the cell would run into its timeout: KernelDied, not Timeout, is the promise.
        var result = await RunAsync(notebook, new ExecutionOptions { CellTimeout = TimeSpan.FromSeconds(20) });

        result.Status.ShouldBe(ExecutionStatus.KernelDied, result.Diagnostic?.ToString());
        result.Diagnostic!.Code.ShouldBe("NB5105");
        result.FailedCellIndex.ShouldBe(0);
        notebook.Outputs(1).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_run_deletes_its_kernel()
    {
        var notebook = NotebookBuilder.Notebook(Code("print('started', flush=True)\nimport time\ntime.sleep(120)"));
        using var cancel = new CancellationTokenSource();
        var options = new ExecutionOptions { Output = o => { if (o.Content["text"]?.ToString().Contains("started") == true) cancel.Cancel(); } };

        var result = await RunAsync(notebook, options, cancel.Token);

        result.Status.ShouldBe(ExecutionStatus.Cancelled);
        result.Diagnostic!.Code.ShouldBe("NB5109");
    }

    [Fact]
    public async Task A_kernel_deleted_on_the_gateway_is_noticed_and_disposal_deletes_the_kernel()
    {
        await using (var kernel = await Provisioner().StartAsync("python3", new KernelClientOptions(), CancellationToken.None))
        {
            (await Server.KernelIdsAsync()).ShouldBe([((GatewayKernel)kernel).Id]);
            using var http = Server.CreateClient();
            (await http.DeleteAsync($"api/kernels/{((GatewayKernel)kernel).Id}")).IsSuccessStatusCode.ShouldBeTrue();

            await Task.Delay(Timeout.InfiniteTimeSpan, kernel.DeathToken).ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(30));
            kernel.IsDead.ShouldBeTrue();
        }

        await using (var kernel = await Provisioner().StartAsync("python3", new KernelClientOptions(), CancellationToken.None))
        {
            kernel.IsDead.ShouldBeFalse();
            kernel.LanguageInfo!["name"]!.ToString().ShouldBe("python");
        }

        (await Server.KernelIdsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_token_is_NB5141_and_the_token_is_not_in_the_message()
    {
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");

        var e = await Should.ThrowAsync<NotebookSdkException>(() => Provisioner(token: wrong).StartAsync("python3", new KernelClientOptions(), CancellationToken.None));

        e.Code.ShouldBe("NB5141");
        e.Message.ShouldNotContain(wrong);
        e.Message.ShouldNotContain(Server.Token);
    }

    [Fact]
    public async Task An_unknown_kernel_is_NB5142_naming_the_gateways_kernels()
    {
        var e = await Should.ThrowAsync<NotebookSdkException>(() => Provisioner().StartAsync("no-such-kernel", new KernelClientOptions(), CancellationToken.None));

        e.Code.ShouldBe("NB5142");
        e.Diagnostic.Message.ShouldContain("python3");
    }

    [Fact]
    public async Task A_gateway_that_does_not_listen_is_NB5140()
    {
        var url = $"http://127.0.0.1:{LocalRegistry.FreePort()}";

        var e = await Should.ThrowAsync<NotebookSdkException>(() => Provisioner(url: url).StartAsync("python3", new KernelClientOptions(), CancellationToken.None));

        e.Code.ShouldBe("NB5140");
    }

    [Fact]
    public async Task A_url_that_is_not_the_servers_base_is_NB5145()
    {
        var e = await Should.ThrowAsync<NotebookSdkException>(() => Provisioner(url: Server.Url + "/not/jupyter").StartAsync("python3", new KernelClientOptions(), CancellationToken.None));

        e.Code.ShouldBe("NB5145");
    }
}

/// <summary>The websocket message format and the start request's environment, without a server.</summary>
public sealed class GatewayMessageFormatTests
{
    [Fact]
    public void A_request_is_a_json_frame_with_its_channel_and_no_signature()
    {
        var session = new Messaging.JupyterSession("", "s1");
        var message = session.CreateMessage("execute_request", new JsonObject { ["code"] = "1" });

        var frame = JsonNode.Parse(GatewayMessageFormat.Serialize(message, "shell"))!.AsObject();

        frame["channel"]!.ToString().ShouldBe("shell");
        frame["header"]!["msg_type"]!.ToString().ShouldBe("execute_request");
        frame["header"]!["session"]!.ToString().ShouldBe("s1");
        frame["content"]!["code"]!.ToString().ShouldBe("1");
        frame.ContainsKey("signature").ShouldBeFalse();
    }

    [Fact]
    public void A_binary_frame_gives_the_message_and_its_buffers()
    {
        var json = System.Text.Encoding.UTF8.GetBytes("""{"channel":"iopub","header":{"msg_id":"m","msg_type":"comm_msg"},"parent_header":{"msg_id":"p"},"metadata":{},"content":{"a":1}}""");
        byte[] one = [1, 2, 3], two = [9];
        var header = new byte[4 * 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, 3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), (uint)(16 + json.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), (uint)(16 + json.Length + one.Length));

        var (channel, message) = GatewayMessageFormat.Parse([.. header, .. json, .. one, .. two], binary: true);

        channel.ShouldBe("iopub");
        message.MsgType.ShouldBe("comm_msg");
        message.ParentMsgId.ShouldBe("p");
        message.Buffers.Select(b => b.ToArray()).ShouldBe([one, two]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"header":{"msg_type":"status"}}""")]
    [InlineData("[1]")]
    public void A_frame_that_is_not_a_message_is_a_FormatException(string text) =>
        Should.Throw<FormatException>(() => GatewayMessageFormat.Parse(System.Text.Encoding.UTF8.GetBytes(text), binary: false));

    [Fact]
    public void The_start_environment_is_the_gateway_variables_then_the_runs_own()
    {
        var provisioner = new GatewayKernelProvisioner(new GatewayOptions
        {
            Url = new Uri("http://127.0.0.1:1"),
            Environment = new Dictionary<string, string> { ["KERNEL_IMAGE"] = "python:3.12-slim", ["KERNEL_CPUS"] = "2", ["DROPPED"] = "x" },
        });
        var options = new KernelClientOptions { Launch = new() { Environment = new Dictionary<string, string?> { ["KERNEL_CPUS"] = "4", ["SECRET"] = "v", ["DROPPED"] = null } } };

        provisioner.BuildEnvironment(options).ToJsonString().ShouldBe("""{"KERNEL_CPUS":"4","KERNEL_IMAGE":"python:3.12-slim","SECRET":"v"}""");
    }

    [Fact]
    public void Messages_show_the_url_without_user_info_or_query()
    {
        GatewayOptions.SafeUrl(new Uri("https://ada:pw@gw.example.com:8888/user/ada/?token=t0ps3cret")).ShouldBe("https://gw.example.com:8888/user/ada");
    }
}
