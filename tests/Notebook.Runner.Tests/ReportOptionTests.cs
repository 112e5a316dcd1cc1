using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>What nbrun hands the HTML report: --no-input (or the image's default), the failing cell, per-cell durations.</summary>
public sealed class ReportOptionTests : TempFolderTest
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task No_input_from_the_command_line_or_the_environment_hides_the_code(bool flag, bool environment)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Markdown("# Heading"), Code("hidden_name = 6 * 7\nprint(hidden_name)"));
        var env = environment ? new Dictionary<string, string> { ["NOTEBOOK_REPORT_NO_INPUT"] = "true" } : null;
        string[] args = flag ? ["nb.ipynb", "--no-input"] : ["nb.ipynb"];

        var result = await RunnerProcess.RunAsync(dir, env, args);

        result.ExitCode.ShouldBe(0, result.ToString());
        var html = File.ReadAllText(RunOutputs.In(Path.Combine(dir, "output")).HtmlPath);
        html.ShouldNotContain("hidden_name");
        html.ShouldContain("42");
        html.ShouldContain("Heading</h1>");
    }

    [Fact]
    public async Task The_report_of_a_failed_run_links_the_status_to_the_failing_cell_and_times_each_cell()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("x = 1"), Code("raise ValueError('boom')"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb");

        result.ExitCode.ShouldBe(1, result.ToString());
        var html = File.ReadAllText(RunOutputs.In(Path.Combine(dir, "output")).HtmlPath);
        html.ShouldContain("<a class=\"failed-cell\" href=\"#cell-1\">");
        html.ShouldContain("<section class=\"cell code failed\" id=\"cell-1\">");
        html.ShouldContain("<span class=\"duration\" title=\"cell duration\">");
        html.ShouldContain("<span class=\"tok-keyword\">raise</span>");
    }
}
