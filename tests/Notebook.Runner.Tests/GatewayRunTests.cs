using System.Collections;
using Notebook.Diagnostics;
using Notebook.E2E;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>One real jupyter_server (Debian's 1.23) on loopback with a token, for the tests of a class.</summary>
public sealed class JupyterServerFixture : IAsyncLifetime
{
    public JupyterServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await JupyterServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary><c>nbrun --gateway-url</c> against a real Jupyter Server: the run, a refused token, SIGTERM; no kernel is left there.</summary>
public sealed class GatewayRunTests(JupyterServerFixture fixture) : TempFolderTest, IClassFixture<JupyterServerFixture>, IAsyncLifetime
{
    private JupyterServerProcess Server => fixture.Server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var left = await Server.KernelIdsAsync();
        await Server.DeleteAllKernelsAsync();
        left.ShouldBeEmpty("the gateway still runs kernels after nbrun ended");
    }

    private Dictionary<string, string> Token(string? token = null) => new() { ["JUPYTER_GATEWAY_AUTH_TOKEN"] = token ?? Server.Token };

    private static void ShouldNotShow(RunnerResult result, string token, string outputFolder)
    {
        result.StandardOutput.ShouldNotContain(token);
        result.StandardError.ShouldNotContain(token);
        foreach (var file in Directory.GetFiles(outputFolder)) File.ReadAllText(file).Contains(token, StringComparison.Ordinal).ShouldBeFalse(file);
    }

    [Fact]
    public async Task The_kernel_runs_on_the_gateway_named_by_the_option_or_by_JUPYTER_GATEWAY_URL()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("n = 2", "parameters"), Code("import os\nprint(os.getcwd())\nprint(n * 21)"));

        var byOption = await RunnerProcess.RunAsync(dir, Token(), "nb.ipynb", "--gateway-url", Server.Url, "-p", "n=3", "--output-dir", "a");
        var byVariable = await RunnerProcess.RunAsync(dir, new Dictionary<string, string>(Token()) { ["JUPYTER_GATEWAY_URL"] = Server.Url }, "nb.ipynb", "--output-dir", "b");

        byOption.ExitCode.ShouldBe(ExitCodes.Ok, byOption.ToString());
        byVariable.ExitCode.ShouldBe(ExitCodes.Ok, byVariable.ToString());
        var root = Path.Combine(Server.Directory, "root");
        // The kernel's folder is the server's root: it ran there, not beside the notebook.
        StreamText(RunOutputs.In(Path.Combine(dir, "a")).Notebook, 2).ShouldBe($"{root}\n63\n");
        StreamText(RunOutputs.In(Path.Combine(dir, "b")).Notebook, 1).ShouldBe($"{root}\n42\n");
        await RunOutputs.In(Path.Combine(dir, "a")).ShouldBeCompleteAsync();
        RunOutputs.In(Path.Combine(dir, "a")).RunJson["kernel_shutdown"]!["outcome"]!.GetValue<string>().ShouldBe("graceful");
        ShouldNotShow(byOption, Server.Token, Path.Combine(dir, "a"));
    }

    [Fact]
    public async Task A_wrong_token_is_NB5141_and_exit_3_and_is_never_shown()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('never')"));
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");

        var result = await RunnerProcess.RunAsync(dir, Token(wrong), "nb.ipynb", "--gateway-url", Server.Url);

        result.ExitCode.ShouldBe(ExitCodes.Kernel, result.ToString());
        result.StandardError.ShouldContain("error NB5141:");
        RunOutputs.In(Path.Combine(dir, "output")).RunJson["status"]!.GetValue<string>().ShouldBe("kernel_failed");
        ShouldNotShow(result, wrong, Path.Combine(dir, "output"));
    }

    [Fact]
    public async Task An_unknown_kernel_is_NB5142_and_exit_3()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('never')"));

        var result = await RunnerProcess.RunAsync(dir, Token(), "nb.ipynb", "--gateway-url", Server.Url, "--kernel", "julia-1.9");

        result.ExitCode.ShouldBe(ExitCodes.Kernel, result.ToString());
        result.StandardError.ShouldContain("error NB5142:");
    }

    [Fact]
    public async Task SIGTERM_during_a_cell_deletes_the_gateway_kernel_and_exits_143()
    {
        var dir = NewTempDirectory();
        var marker = Path.Combine(Server.Directory, "root", "started-" + Guid.NewGuid().ToString("N"));
        Write(dir, "nb.ipynb", Code("print('before')"), Code($"open({System.Text.Json.JsonSerializer.Serialize(marker)}, 'w').close()\nimport time\ntime.sleep(120)"), Code("print('never')"));
        using var runner = RunnerProcess.Start(dir, ["nb.ipynb", "--gateway-url", Server.Url], Token());

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(marker))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sleeping cell never started. stderr:\n" + runner.StandardErrorSoFar);
            await Task.Delay(50);
        }

        (await Server.KernelIdsAsync()).Count.ShouldBe(1);
        runner.Signal(15);
        var result = await runner.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitCode.ShouldBe(ExitCodes.Terminated, result.ToString());
        result.StandardError.ShouldContain("NB5213");
        (await Server.KernelIdsAsync()).ShouldBeEmpty();
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        StreamText(outputs.Notebook, 0).ShouldBe("before\n");
        outputs.RunJson["status"]!.GetValue<string>().ShouldBe("terminated");
    }

    [Fact]
    public async Task A_gateway_that_does_not_listen_is_NB5140_and_exit_3()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('never')"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--gateway-url", $"http://127.0.0.1:{LocalRegistry.FreePort()}");

        result.ExitCode.ShouldBe(ExitCodes.Kernel, result.ToString());
        result.StandardError.ShouldContain("error NB5140:");
    }
}

/// <summary>The gateway options in-process: NB5280-NB5283 and the start request's environment.</summary>
public sealed class GatewayOptionTests
{
    private static string? NoVariables(string _) => null;

    [Theory]
    [InlineData("ftp://gateway:8888")]
    [InlineData("gateway:8888")]
    [InlineData("http://gateway:8888/?token=s3cr3t-value")]
    [InlineData("http://ada:s3cr3t-value@gateway:8888")]
    public void A_bad_url_is_NB5280_and_does_not_echo_a_token(string url)
    {
        var e = Should.Throw<NotebookSdkException>(() => GatewaySetup.Check(new RunnerOptions { GatewayUrl = url }, NoVariables));

        e.Code.ShouldBe("NB5280");
        e.Message.ShouldNotContain("s3cr3t-value");
        Program.ExitCodeFor(e.Code).ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public void The_url_comes_from_the_option_else_from_JUPYTER_GATEWAY_URL()
    {
        var fromVariable = GatewaySetup.CreateProvisioner(new RunnerOptions(), n => n == "JUPYTER_GATEWAY_URL" ? "http://127.0.0.1:9/base" : null, new Hashtable(), _ => { });
        var fromOption = GatewaySetup.CreateProvisioner(new RunnerOptions { GatewayUrl = "https://gw.example.com" }, n => n == "JUPYTER_GATEWAY_URL" ? "http://127.0.0.1:9/base" : null, new Hashtable(), _ => { });
        var none = GatewaySetup.CreateProvisioner(new RunnerOptions(), NoVariables, new Hashtable(), _ => { });

        fromVariable!.Options.DisplayUrl.ShouldBe("http://127.0.0.1:9/base");
        fromOption!.Options.DisplayUrl.ShouldBe("https://gw.example.com");
        none.ShouldBeNull();
    }

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    [InlineData("1ABC=x")]
    [InlineData("KERNEL-IMAGE=x")]
    public void A_bad_gateway_env_is_NB5281(string text) =>
        Should.Throw<NotebookSdkException>(() => CommandLineParser.Parse(["--gateway-env", text])).Code.ShouldBe("NB5281");

    [Fact]
    public void Gateway_env_without_a_gateway_is_NB5282() =>
        Should.Throw<NotebookSdkException>(() => GatewaySetup.Check(CommandLineParser.Parse(["--gateway-env", "KERNEL_CPUS=2"]), NoVariables)).Code.ShouldBe("NB5282");

    [Fact]
    public void The_start_environment_is_every_KERNEL_variable_then_gateway_env()
    {
        var options = CommandLineParser.Parse(["--gateway-url", "http://127.0.0.1:9", "--gateway-env", "KERNEL_CPUS=4", "--gateway-env", "EXTRA=a=b"]);
        var process = new Hashtable { ["KERNEL_IMAGE"] = "python:3.12-slim", ["KERNEL_CPUS"] = "1", ["HOME"] = "/root", ["kernel_lower"] = "x" };

        GatewaySetup.KernelEnvironment(options, process).ShouldBe(new Dictionary<string, string>
        {
            ["EXTRA"] = "a=b",
            ["KERNEL_CPUS"] = "4",
            ["KERNEL_IMAGE"] = "python:3.12-slim",
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_token_over_plain_http_to_another_host_is_warned_NB5283()
    {
        var warnings = new List<Diagnostic>();
        string? Token(string n) => n == "JUPYTER_GATEWAY_AUTH_TOKEN" ? "t" : null;

        GatewaySetup.CreateProvisioner(new RunnerOptions { GatewayUrl = "http://gateway.example.com:8888" }, Token, new Hashtable(), warnings.Add);
        GatewaySetup.CreateProvisioner(new RunnerOptions { GatewayUrl = "http://127.0.0.1:8888" }, Token, new Hashtable(), warnings.Add);
        GatewaySetup.CreateProvisioner(new RunnerOptions { GatewayUrl = "https://gateway.example.com:8888" }, Token, new Hashtable(), warnings.Add);

        warnings.Select(w => w.Code).ShouldBe(["NB5283"]);
    }
}
