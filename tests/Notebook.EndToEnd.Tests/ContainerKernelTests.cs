using System.Text.Json.Nodes;
using Notebook.E2E;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The project's image as a Jupyter kernel (issue 10 item 3): installed by InstallNotebookKernel, started by a
/// third-party client (Debian's jupyter_client and nbconvert) and by nbrun, on the host network and on a bridge
/// network; and never left behind: not after a shutdown, not after the client or the launcher's process group is
/// SIGKILLed.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ContainerKernelTests(EngineFixture fixture)
{
    private static readonly TimeSpan Gone = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(3);

    private const string ClientScript = """
        import json, sys, time
        from jupyter_client.manager import KernelManager
        def say(*items):
            print(json.dumps(list(items)), flush=True)
        km = KernelManager(kernel_name=sys.argv[1])
        km.start_kernel()
        kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=240)
        say("ready", km.provisioner.process.pid)
        def run(code):
            for _ in range(10):
                out = []
                hook = lambda m: out.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None
                r = kc.execute_interactive(code, timeout=120, output_hook=hook)
                # A request that arrives while the kernel still aborts after an error is 'aborted', not run: send it again.
                if r["content"]["status"] != "aborted":
                    return [r["content"]["status"], r["content"].get("ename"), "".join(out)]
                time.sleep(0.5)
            return ["aborted", None, ""]
        if sys.argv[2] == "hold":
            time.sleep(600)
        say("probe", *run("import os; print(os.getuid(), os.path.exists('/app/kerneljob.ipynb'))"))
        msg_id = kc.execute("import time; time.sleep(300)")
        while True:
            m = kc.get_iopub_msg(timeout=60)
            if m["msg_type"] == "execute_input" and m["parent_header"].get("msg_id") == msg_id:
                break
        time.sleep(0.5)
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        say("interrupted", reply["content"]["status"], reply["content"].get("ename"))
        say("after", *run("print('still here')"))
        km.shutdown_kernel()
        say("shutdown")
        """;

    [Fact]
    public async Task InstallNotebookKernel_writes_a_kernelspec_that_runs_the_image_by_id_through_the_host_runner()
    {
        var kernel = await fixture.GetKernelProjectAsync();

        kernel.InstallOutput.ShouldContain("NB6015");
        kernel.KernelJson["display_name"]!.GetValue<string>().ShouldBe("kerneljob (container)");
        kernel.KernelJson["interrupt_mode"]!.GetValue<string>().ShouldBe("signal");
        var argv = kernel.KernelJson["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        argv[1].ShouldBe("exec");
        argv[2].ShouldEndWith("nbrun.dll");
        argv[3..].ShouldBe(["kernel", "--image", argv[5], "--network", "host", "--entrypoint", "/usr/local/bin/nbrun", "-f", "{connection_file}"]);
        argv[5].ShouldStartWith("sha256:");
        (await fixture.Daemon.DockerCheckedAsync(["image", "inspect", "--format", "{{.Id}}", argv[5]], TimeSpan.FromSeconds(30))).Trim().ShouldBe(argv[5]);
        kernel.KernelJson["env"]!["DOCKER_HOST"]!.GetValue<string>().ShouldBe(fixture.Daemon.DockerHost);
    }

    [Fact]
    public async Task A_jupyter_client_runs_code_as_the_images_user_interrupts_it_and_the_container_is_gone_after_shutdown()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        using var client = new PythonClient(ClientScript, [KernelProject.KernelName, "run"], kernel.Environment);

        await client.WaitForAsync("ready", Start);
        (await kernel.RunningAsync(KernelProject.KernelLabel)).Length.ShouldBe(1);
        var probe = await client.WaitForAsync("probe", Start);
        probe[1]!.GetValue<string>().ShouldBe("ok", client.Output);
        probe[3]!.GetValue<string>().Trim().ShouldBe("1000 True");
        var interrupted = await client.WaitForAsync("interrupted", Start);
        interrupted[1]!.GetValue<string>().ShouldBe("error");
        interrupted[2]!.GetValue<string>().ShouldBe("KeyboardInterrupt");
        var after = await client.WaitForAsync("after", Start);
        after[1]!.GetValue<string>().ShouldBe("ok", client.Output);
        after[3]!.GetValue<string>().Trim().ShouldBe("still here");
        await client.WaitForAsync("shutdown", Start);

        (await client.WaitForExitAsync(TimeSpan.FromMinutes(1))).ShouldBe(0, client.Output);
        (await kernel.ContainersLeftAfterAsync(KernelProject.KernelLabel, Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Nbconvert_executes_a_notebook_in_the_container_kernel()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "probe.ipynb"), KernelProject.Notebook("import os\nprint(os.getuid(), sorted(os.listdir('/app')))"));

        var run = await Command.RunAsync("/usr/bin/jupyter-nbconvert",
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=" + KernelProject.KernelName, "--ExecutePreprocessor.startup_timeout=240",
             "--output", "done.ipynb", Path.Combine(folder.Path, "probe.ipynb")], Start, kernel.Environment, folder.Path);

        run.ExitCode.ShouldBe(0, run.Output);
        var done = File.ReadAllText(Path.Combine(folder.Path, "done.ipynb"));
        done.ShouldContain("1000 [");
        done.ShouldContain("kerneljob.ipynb");
        (await kernel.ContainersLeftAfterAsync(KernelProject.KernelLabel, Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Nbrun_runs_in_the_container_kernel_and_reports_a_kernel_killed_inside_it_as_dead()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        using var folder = new TempFolder();
        var notebook = Path.Combine(folder.Path, "dies.ipynb");
        File.WriteAllText(notebook, KernelProject.Notebook("import os\nprint('uid', os.getuid(), flush=True)", "import signal\nos.kill(os.getpid(), signal.SIGKILL)", "print('never')"));

        var run = await Command.RunAsync(kernel.RunnerCommand[0], [.. kernel.RunnerCommand.Skip(1), notebook, "-k", KernelProject.KernelName,
            "--start-timeout", "4m", "--output-dir", Path.Combine(folder.Path, "out")], Start, kernel.Environment, folder.Path);

        run.ExitCode.ShouldBe(3, run.Output);
        run.Output.ShouldContain("NB5105");
        var saved = File.ReadAllText(Path.Combine(folder.Path, "out", "dies.ipynb"));
        saved.ShouldContain("uid 1000");
        saved.ShouldNotContain("never\\n");
        (await kernel.ContainersLeftAfterAsync(KernelProject.KernelLabel, Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_kernel_container_outlives_a_SIGKILLed_client()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        using var client = new PythonClient(ClientScript, [KernelProject.KernelName, "hold"], kernel.Environment);
        await client.WaitForAsync("ready", Start);
        (await kernel.RunningAsync(KernelProject.KernelLabel)).Length.ShouldBe(1);

        client.Kill();

        (await kernel.ContainersLeftAfterAsync(KernelProject.KernelLabel, Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_kernel_container_outlives_the_launchers_process_group_SIGKILLed()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        using var client = new PythonClient(ClientScript, [KernelProject.KernelName, "hold"], kernel.Environment);
        var launcher = (await client.WaitForAsync("ready", Start))[1]!.GetValue<int>();
        (await kernel.RunningAsync(KernelProject.KernelLabel)).Length.ShouldBe(1);

        // jupyter_client starts the launcher in a session of its own: its pid is its process group's.
        Signals.Send(-launcher, Signals.Kill).ShouldBeTrue();

        (await kernel.ContainersLeftAfterAsync(KernelProject.KernelLabel, Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task On_a_bridge_network_the_kernels_ports_are_published_on_loopback()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        var network = "nbk-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Daemon.DockerCheckedAsync(["network", "create", "--driver", "bridge", network], TimeSpan.FromSeconds(30));
        using var data = new TempFolder();
        try
        {
            var json = (JsonObject)kernel.KernelJson.DeepClone();
            var argv = json["argv"]!.AsArray();
            var at = argv.Select(a => a!.GetValue<string>()).ToList().IndexOf("--network");
            argv[at + 1] = network;
            Directory.CreateDirectory(Path.Combine(data.Path, "kernels", "bridged"));
            File.WriteAllText(Path.Combine(data.Path, "kernels", "bridged", "kernel.json"), json.ToJsonString());
            var environment = new Dictionary<string, string?>(kernel.Environment) { ["JUPYTER_DATA_DIR"] = data.Path };
            using var client = new PythonClient(ClientScript, ["bridged", "run"], environment);

            var probe = await client.WaitForAsync("probe", Start);
            probe[1]!.GetValue<string>().ShouldBe("ok", client.Output);
            probe[3]!.GetValue<string>().Trim().ShouldBe("1000 True");
            await client.WaitForAsync("shutdown", Start);
            (await kernel.ContainersLeftAfterAsync(KernelProject.KernelLabel, Gone)).ShouldBeEmpty();
        }
        finally
        {
            await fixture.Daemon.DockerAsync(["network", "rm", network], TimeSpan.FromSeconds(30));
        }
    }
}
