using System.Diagnostics;
using Notebook.E2E;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// Local mode (issue 10 item 4): `dotnet run -p:NotebookRunIn=Container -- ARGS` runs the project's image in the
/// local engine with the run folder mounted, output live, the runner's exit code returned, signals handed on, and
/// the container removed.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LocalModeTests(EngineFixture fixture)
{
    private static readonly TimeSpan Gone = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Dotnet_run_in_a_container_writes_the_run_folder_and_returns_the_runners_exit_codes()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        var run = Path.Combine(kernel.Project.Directory, "bin", "Debug", "run");

        var ok = await kernel.Project.DotnetAsync(["run", "--project", kernel.Project.ProjectPath, "-p:NotebookRunIn=Container", "--", "-p", "seconds", "0.1"],
            kernel.Environment, TimeSpan.FromMinutes(8));
        ok.ExitCode.ShouldBe(0, ok.Output);
        // Live output from the runner inside (--log-output is on in images), then the files in bin/Debug/run.
        ok.Output.ShouldContain($"uid {Uid()} image True");
        File.ReadAllText(Path.Combine(run, "kerneljob.ipynb")).ShouldContain("done");
        File.Exists(Path.Combine(run, "run.json")).ShouldBeTrue();

        var failed = await kernel.Project.DotnetAsync(["run", "--project", kernel.Project.ProjectPath, "-p:NotebookRunIn=Container", "--", "-p", "fail", "true"],
            kernel.Environment, TimeSpan.FromMinutes(8));
        failed.ExitCode.ShouldBe(1, failed.Output);
        failed.Output.ShouldContain("asked to fail");
        File.ReadAllText(Path.Combine(run, "run.json")).ShouldContain("\"exit_code\": 1");
        (await kernel.ContainersLeftAfterAsync(KernelProject.RunLabel, Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ctrl_C_stops_the_run_inside_the_container_with_130_and_leaves_no_container()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        // Built and published first, so that the signal below reaches a running notebook, not the build.
        var build = await kernel.Project.DotnetAsync(["build", kernel.Project.ProjectPath], kernel.Environment, TimeSpan.FromMinutes(5));
        build.ExitCode.ShouldBe(0, build.Output);

        // setsid: a process group of its own, like a shell's foreground job, so that SIGINT to the group is Ctrl+C.
        var info = new ProcessStartInfo("/usr/bin/setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = kernel.Project.Directory };
        foreach (var a in new[] { "dotnet", "run", "--no-build", "--project", kernel.Project.ProjectPath, "-p:NotebookRunIn=Container", "--", "-p", "seconds", "300" }) info.ArgumentList.Add(a);
        foreach (var name in ProcessRunner.ClearedVariables) info.Environment.Remove(name);
        foreach (var (k, v) in kernel.Environment) if (v is null) info.Environment.Remove(k); else info.Environment[k] = v;
        info.Environment["NUGET_PACKAGES"] = TestProject.PackagesFolder;
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The first cell has printed: the notebook is in its sleep.
            var clock = Stopwatch.StartNew();
            while (!Text(output).Contains("image True") && clock.Elapsed < TimeSpan.FromMinutes(5) && !process.HasExited) await Task.Delay(200);
            Text(output).ShouldContain("image True");

            Signals.Send(-process.Id, Signals.Interrupt).ShouldBeTrue();

            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("dotnet run did not end within 2 minutes of Ctrl+C; its output:\n" + Text(output));
            }
            process.ExitCode.ShouldBe(130, Text(output));
            File.ReadAllText(Path.Combine(kernel.Project.Directory, "bin", "Debug", "run", "run.json")).ShouldContain("\"exit_code\": 130");
            (await kernel.ContainersLeftAfterAsync(KernelProject.RunLabel, Gone)).ShouldBeEmpty();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task An_unknown_NotebookRunIn_is_NB6014()
    {
        var kernel = await fixture.GetKernelProjectAsync();
        var run = await kernel.Project.DotnetAsync(["run", "--project", kernel.Project.ProjectPath, "-p:NotebookRunIn=Cluster"], kernel.Environment, TimeSpan.FromMinutes(5));
        run.ExitCode.ShouldNotBe(0);
        run.ErrorCodes.ShouldContain("NB6014");
    }

    private static string Text(System.Text.StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static string Uid() => Command.RunCheckedAsync("id", ["-u"], TimeSpan.FromSeconds(5)).GetAwaiter().GetResult().Trim();
}
