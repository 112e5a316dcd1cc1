using System.Text.Json;
using Notebook.E2E;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The report image under the restrictions of a hardened cluster (Kubernetes readOnlyRootFilesystem with an emptyDir
/// at /tmp, runAsUser, capabilities dropped): a read-only root, a tmpfs /tmp, a uid that is not the image's,
/// no capabilities and no privilege gain.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LockedDownContainerTests(EngineFixture fixture)
{
    private const string Uid = "4242";

    private static readonly string[] LockedDown =
        ["--read-only", "--user", $"{Uid}:{Uid}", "--cap-drop", "ALL", "--security-opt", "no-new-privileges"];

    [Fact]
    public async Task A_read_only_container_with_a_tmpfs_tmp_any_uid_and_no_capabilities_runs_the_notebook()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();

        var run = await DockerRunAsync(image, output, [.. LockedDown, "--tmpfs", "/tmp"], [], ["-p", "region=south"]);

        run.ExitCode.ShouldBe(0, run.Output);
        Directory.GetFiles(output.Path).Select(Path.GetFileName).Order().ShouldBe(["report.html", "report.ipynb", "run.json"]);
        foreach (var file in Directory.GetFiles(output.Path))
            (await Command.RunCheckedAsync("stat", ["-c", "%u", file], TimeSpan.FromSeconds(10))).Trim().ShouldBe(Uid);
        File.ReadAllText(Path.Combine(output.Path, "report.ipynb")).ShouldContain("Region south: top 5 of 8 products");
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "run.json")));
        runJson.RootElement.GetProperty("status").GetString().ShouldBe("succeeded");
        runJson.RootElement.GetProperty("exit_code").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task The_locked_down_container_really_is_read_only_unprivileged_and_runs_as_the_given_uid()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();
        const string probe = """
            import os
            caps = [l.split()[1] for l in open('/proc/self/status') if l.startswith(('CapEff', 'CapPrm', 'NoNewPrivs'))]
            def writable(path):
                try:
                    open(os.path.join(path, '.probe'), 'w').close()
                    return 'rw'
                except OSError:
                    return 'ro'
            print(os.getuid(), os.getgid(), *caps, writable('/'), writable('/app'), writable('/tmp'), os.environ['HOME'])
            """;

        var run = await DockerRunAsync(image, output, [.. LockedDown, "--tmpfs", "/tmp"], ["--entrypoint", "python3"], ["-c", probe]);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.Trim().Split('\n').Last().Split(' ').ShouldBe([Uid, Uid, "0000000000000000", "0000000000000000", "1", "ro", "ro", "rw", "/tmp"]);
    }

    [Fact]
    public async Task Without_a_writable_temporary_folder_the_runner_says_NB5260_and_runs_nothing()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();

        var run = await DockerRunAsync(image, output, LockedDown, [], []);

        run.ExitCode.ShouldBe(2, run.Output);
        run.Output.ShouldContain("error NB5260:");
        run.Output.ShouldContain("TMPDIR");
        run.Output.ShouldNotContain("NB5214");
        Directory.GetFileSystemEntries(output.Path).ShouldBeEmpty();
    }

    private Task<CommandResult> DockerRunAsync(ReportImage image, string outputFolder, string[] restrictions, string[] entrypoint, string[] args) =>
        fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "-v", $"{outputFolder}:/app/output", .. restrictions, .. entrypoint, image.Reference, .. args],
            TimeSpan.FromMinutes(3));
}
