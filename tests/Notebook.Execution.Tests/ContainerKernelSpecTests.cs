using Notebook.Execution.Kernels;
using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

public sealed class ContainerKernelSpecTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("nbexec-jupyter-").FullName;

    [Theory]
    [InlineData("DailyReport", "dailyreport-container")]
    [InlineData("Sales Report (EU)", "sales-report--eu-container")]
    [InlineData("my.job_2", "my.job_2-container")]
    public void Kernel_names_are_the_project_name_in_lower_case_with_only_what_jupyter_accepts(string project, string expected) =>
        KernelSpecInstaller.NameFor(project, "-container").ShouldBe(expected);

    [Fact]
    public void The_kernel_json_runs_the_host_runner_with_the_image_by_id_and_signal_interrupts()
    {
        var spec = new ContainerKernelSpec
        {
            Name = "daily-container", DisplayName = "Daily (container)", Image = "sha256:abc",
            RunnerCommand = ["/usr/bin/dotnet", "exec", "/p/nbrun.dll"], RunnerPathInImage = "/usr/local/bin/nbrun",
            Environment = new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///run/d.sock" },
            Metadata = new Dictionary<string, string> { ["project"] = "/src/Daily.nbproj" },
        };

        var folder = KernelSpecInstaller.Install(_data, spec.Name, spec.ToKernelJson());

        folder.ShouldBe(Path.Combine(_data, "kernels", "daily-container"));
        var found = new KernelSpecFinder([_data]).Find("daily-container");
        found.DisplayName.ShouldBe("Daily (container)");
        found.Argv.ShouldBe(["/usr/bin/dotnet", "exec", "/p/nbrun.dll", "kernel", "--image", "sha256:abc", "--network", "host",
            "--entrypoint", "/usr/local/bin/nbrun", "-f", "{connection_file}"]);
        found.InterruptMode.ShouldBe(KernelInterruptMode.Signal);
        found.Env["DOCKER_HOST"].ShouldBe("unix:///run/d.sock");
        File.ReadAllText(Path.Combine(folder, "kernel.json")).ShouldContain("\"project\": \"/src/Daily.nbproj\"");

        KernelSpecInstaller.Uninstall(_data, spec.Name).ShouldBeTrue();
        Directory.Exists(folder).ShouldBeFalse();
        KernelSpecInstaller.Uninstall(_data, spec.Name).ShouldBeFalse();
    }

    [Fact]
    public void The_user_data_folder_is_JUPYTER_DATA_DIR_else_XDG_else_home()
    {
        KernelSpecInstaller.UserDataDirectory(n => n == "JUPYTER_DATA_DIR" ? "/j" : null).ShouldBe("/j");
        KernelSpecInstaller.UserDataDirectory(n => n switch { "XDG_DATA_HOME" => "/x", "HOME" => "/h", _ => null }).ShouldBe("/x/jupyter");
        KernelSpecInstaller.UserDataDirectory(n => n == "HOME" ? "/h" : null).ShouldBe("/h/.local/share/jupyter");
    }

    [Theory]
    [InlineData("""{"ip":"127.0.0.1","key":"k","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"transport":"tcp","signature_scheme":"hmac-sha256"}""", "")]
    [InlineData("""{"ip":"127.0.0.1"}""", "it has no key, shell_port")]
    [InlineData("""{"ip":"127.0.0.1","key":"k","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"transport":"ipc"}""", "transport is 'ipc'")]
    [InlineData("""{"ip":"127.0.0.1","key":"k","shell_port":0,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}""", "shell_port is 0")]
    [InlineData("not json", "not JSON")]
    public void Connection_files_are_read_or_say_what_is_wrong(string json, string problem)
    {
        var ok = ConnectionInfo.TryParse(json, out var connection, out var said);
        ok.ShouldBe(problem.Length == 0, said);
        if (ok) connection!.ShellPort.ShouldBe(1);
        else said.ShouldContain(problem);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
