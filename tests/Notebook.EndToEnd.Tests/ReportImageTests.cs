using System.Diagnostics;
using System.Text.Json;
using Notebook.E2E;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>The whole path: dotnet publish to a registry, docker pull, docker run with parameters, outputs on the host.</summary>
[Collection(EngineCollection.Name)]
public sealed class ReportImageTests(EngineFixture fixture)
{
    [Fact]
    public async Task Publish_pushes_the_report_image_on_the_debian_base()
    {
        var image = await fixture.GetReportImageAsync();

        image.ImageJson.GetProperty("registry").GetString().ShouldBe(fixture.Registry.Host);
        image.ImageJson.GetProperty("repository").GetString().ShouldBe("notebooks/report");
        image.ImageJson.GetProperty("base").GetProperty("manifestDigest").GetString().ShouldBe(fixture.BaseDigest);
        image.ImageJson.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["1.0.0", "1.0", "1", "latest"]);
        var pulled = await fixture.Daemon.DockerCheckedAsync(["image", "inspect", "--format", "{{index .RepoDigests 0}}", image.Reference], TimeSpan.FromSeconds(30));
        pulled.Trim().ShouldEndWith("@" + image.ImageJson.GetProperty("digest").GetString());
        image.User.ShouldBe("1000:1000");
    }

    [Fact]
    public async Task Run_with_parameters_writes_notebook_report_and_run_json_owned_by_the_image_user()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();

        var run = await image.RunAsync(output, "-p", "region=south", "-p", "top_n=3");

        run.ExitCode.ShouldBe(0, run.Output);
        Directory.GetFiles(output.Path).Select(Path.GetFileName).Order().ShouldBe(["report.html", "report.ipynb", "run.json"]);
        var uid = image.User.Split(':')[0];
        foreach (var file in Directory.GetFiles(output.Path))
            (await StatOwnerAsync(file)).ShouldBe(uid, $"{file} should belong to the image user");

        var notebook = File.ReadAllText(Path.Combine(output.Path, "report.ipynb"));
        notebook.ShouldContain("injected-parameters");
        notebook.ShouldContain("region = \\\"south\\\"");
        notebook.ShouldContain("Region south: top 3 of 8 products");
        notebook.ShouldContain("image/png");
        OutputText(notebook, "check").ShouldContain("all checks passed");
        var html = File.ReadAllText(Path.Combine(output.Path, "report.html"));
        html.ShouldContain("south");
        html.ShouldContain("<table>");
        html.ShouldContain("data:image/png;base64,");
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "run.json")));
        runJson.RootElement.GetProperty("exit_code").GetInt32().ShouldBe(0);
        runJson.RootElement.GetProperty("status").GetString().ShouldBe("succeeded");
        runJson.RootElement.GetProperty("parameters").GetProperty("region").GetString().ShouldBe("south");
        runJson.RootElement.GetProperty("parameters").GetProperty("top_n").GetInt32().ShouldBe(3);
    }

    [Theory]
    [InlineData("top_n=many")]
    [InlineData("no_such_parameter=1")]
    public async Task A_bad_parameter_exits_2_before_any_cell_runs(string parameter)
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();

        var run = await image.RunAsync(output, "-p", parameter);

        run.ExitCode.ShouldBe(2, run.Output);
        run.Output.ShouldMatch(@"NB2\d{3}");
        Directory.GetFileSystemEntries(output.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_cell_exits_1_and_the_executed_notebook_is_written()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();

        var run = await image.RunAsync(output, "-p", "fail=true");

        run.ExitCode.ShouldBe(1, run.Output);
        var notebook = File.ReadAllText(Path.Combine(output.Path, "report.ipynb"));
        notebook.ShouldContain("RuntimeError");
        notebook.ShouldContain("fail=True was asked for region north");
        OutputTypes(notebook, "check").ShouldBe(["error"]);
        File.ReadAllText(Path.Combine(output.Path, "report.html")).ShouldContain("RuntimeError");
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "run.json")));
        runJson.RootElement.GetProperty("exit_code").GetInt32().ShouldBe(1);
        runJson.RootElement.GetProperty("failed_cell").GetProperty("ename").GetString().ShouldBe("RuntimeError");
    }

    [Fact]
    public async Task Docker_stop_during_a_cell_exits_143_and_leaves_a_partial_notebook()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();
        var name = "nbe2e-stop-" + Guid.NewGuid().ToString("N")[..8];
        var docker = fixture.Daemon;
        await docker.DockerCheckedAsync(["run", "-d", "--name", name, "--network", "none", "-v", $"{output.Path}:/app/output",
            image.Reference, "-p", "pause_seconds=120"], TimeSpan.FromMinutes(1));
        try
        {
            var clock = Stopwatch.StartNew();
            var logs = "";
            // nbrun prints a line per finished cell on stderr: after the chart (cell 5) comes the pause.
            while (!logs.Contains("cell 5 ok") && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(500);
                logs = (await docker.DockerAsync(["logs", name], TimeSpan.FromSeconds(20))).Output;
            }
            logs.ShouldContain("cell 5 ok", customMessage: "the cell before the pause never finished");
            await Task.Delay(TimeSpan.FromSeconds(1));

            await docker.DockerCheckedAsync(["stop", "-t", "30", name], TimeSpan.FromMinutes(1));

            var exit = await docker.DockerCheckedAsync(["inspect", "--format", "{{.State.ExitCode}}", name], TimeSpan.FromSeconds(20));
            exit.Trim().ShouldBe("143", (await docker.DockerAsync(["logs", name], TimeSpan.FromSeconds(20))).Output);
            var notebook = File.ReadAllText(Path.Combine(output.Path, "report.ipynb"));
            notebook.ShouldContain("Region north: top 5 of 8 products");
            notebook.ShouldContain("pausing 120");
            OutputText(notebook, "check").ShouldBeEmpty();
            using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "run.json")));
            runJson.RootElement.GetProperty("exit_code").GetInt32().ShouldBe(143);
        }
        finally
        {
            await docker.DockerAsync(["rm", "-f", name], TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Everything the outputs of one cell (by id) show: stream text, data, error name and value.</summary>
    internal static string OutputText(string notebookJson, string cellId)
    {
        using var document = JsonDocument.Parse(notebookJson);
        var cell = document.RootElement.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == cellId);
        return string.Join("\n", cell.GetProperty("outputs").EnumerateArray().Select(o => o.GetRawText()));
    }

    internal static IReadOnlyList<string?> OutputTypes(string notebookJson, string cellId)
    {
        using var document = JsonDocument.Parse(notebookJson);
        var cell = document.RootElement.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == cellId);
        return cell.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("output_type").GetString()).ToArray();
    }

    private static async Task<string> StatOwnerAsync(string path) =>
        (await Command.RunCheckedAsync("stat", ["-c", "%u", path], TimeSpan.FromSeconds(10))).Trim();
}
