using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Runner.Tests;

/// <summary>
/// papermill's own test notebooks. A cell ending in SystemExit with status 0 or none ends the run successfully
/// (papermill's raise_for_execution_errors), any other exit status or exception exits 1; either way the cells after
/// it are not run. These notebooks are nbformat 4.1/4.2: the executed copy must come out as valid 4.5.
/// </summary>
public sealed class PapermillCorpusTests : TempFolderTest
{
    [Theory]
    [InlineData("sysexit", 0, 1, "SystemExit")]
    [InlineData("sysexit0", 0, 1, "SystemExit")]
    [InlineData("systemexit", 0, 1, "SystemExit")]
    [InlineData("sysexit1", 1, 1, "SystemExit")]
    [InlineData("broken", 1, 0, "SyntaxError")]
    [InlineData("broken1", 1, 6, "AssertionError")]
    [InlineData("broken2", 1, 1, "AssertionError")]
    public async Task Corpus_notebooks_give_the_documented_exit_codes(string name, int exitCode, int stoppedAt, string ename)
    {
        var dir = NewTempDirectory();
        File.Copy(TestPaths.Corpus("papermill", name + ".ipynb"), Path.Combine(dir, name + ".ipynb"));

        var result = await RunnerProcess.RunAsync(dir, name + ".ipynb");

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        var outputs = RunOutputs.In(Path.Combine(dir, "output"), name);
        await outputs.ShouldBeCompleteAsync();
        var notebook = outputs.Notebook;
        var error = notebook.Cells.Single(c => c.Index == stoppedAt).Outputs.Single(o => o["output_type"]!.GetValue<string>() == "error");
        error["ename"]!.GetValue<string>().ShouldBe(ename);
        notebook.Cells.Where(c => c.Index > stoppedAt && c.CellType == "code").ShouldAllBe(c => c.ExecutionCount == null);
        notebook.Cells.ShouldAllBe(c => c.Id != null);
        var run = outputs.RunJson;
        run["exit_code"]!.GetValue<int>().ShouldBe(exitCode);
        if (exitCode == 0)
        {
            run["status"]!.GetValue<string>().ShouldBe("succeeded");
            result.StandardError.ShouldContain("NB5215");
        }
        else
        {
            run["failed_cell"]!["index"]!.GetValue<int>().ShouldBe(stoppedAt);
            run["failed_cell"]!["ename"]!.GetValue<string>().ShouldBe(ename);
        }
    }
}
