using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>Bad usage exits 2 with one coded message and a hint; none of these starts a kernel.</summary>
public sealed class UsageTests : TempFolderTest
{
    [Theory]
    [InlineData("NB5201", "nb.ipynb", "--bogus")]
    [InlineData("NB5201", "nb.ipynb", "--json=yes")]
    [InlineData("NB5202", "nb.ipynb", "--timeout")]
    [InlineData("NB5202", "nb.ipynb", "--output-dir", "--json")]
    [InlineData("NB5202", "nb.ipynb", "-p", "novalue")]
    [InlineData("NB5203", "nb.ipynb", "-p", "not a name")]
    [InlineData("NB5203", "nb.ipynb", "-p=", "--json")]
    [InlineData("NB5204", "nb.ipynb", "--cell-timeout", "5x")]
    [InlineData("NB5204", "nb.ipynb", "--timeout=-3s")]
    [InlineData("NB5205", "nb.ipynb", "other.ipynb")]
    [InlineData("NB5206", "missing.ipynb")]
    [InlineData("NB5209", "nb.ipynb", "--parameters-file", "missing.json")]
    public async Task Bad_usage_exits_2_with_a_code_and_a_hint(string code, params string[] args)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("n = 1", "parameters"));

        var result = await RunnerProcess.RunAsync(dir, args);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldStartWith($"error {code}:");
        result.StandardError.ShouldContain("nbrun --help");
        result.StandardError.ShouldNotContain("   at ");
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(".")]
    [InlineData("sub/..")]
    [InlineData("{dir}")]
    public async Task An_output_dir_that_would_overwrite_the_notebook_exits_2_with_NB5216_and_leaves_it_alone(string outputDir)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("n = 1", "parameters"), Code("print(n)"));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        var before = File.ReadAllBytes(Path.Combine(dir, "nb.ipynb"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--output-dir", outputDir.Replace("{dir}", dir));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldStartWith("error NB5216:");
        File.ReadAllBytes(Path.Combine(dir, "nb.ipynb")).ShouldBe(before);
        File.Exists(Path.Combine(dir, "run.json")).ShouldBeFalse();
        File.Exists(Path.Combine(dir, "nb.html")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("values.yaml", "n: [unclosed\n")]
    [InlineData("values.yaml", "- 1\n- 2\n")]
    [InlineData("values.yaml", "n: 1\nn: 2\n")]
    [InlineData("values.yml", "n: .inf\n")]
    [InlineData("values.json", "{\"n\": 1,}")]
    [InlineData("values.json", "[1]")]
    public async Task A_malformed_parameters_file_exits_2_with_NB5210(string fileName, string content)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("n = 1", "parameters"));
        File.WriteAllText(Path.Combine(dir, fileName), content);

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--parameters-file", fileName);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldStartWith("error NB5210:");
    }

    [Fact]
    public async Task Without_a_notebook_argument_the_single_notebook_in_the_folder_is_used()
    {
        var dir = NewTempDirectory();
        var none = await RunnerProcess.RunAsync(dir);
        none.ExitCode.ShouldBe(2, none.ToString());
        none.StandardError.ShouldStartWith("error NB5207:");

        Write(dir, "first.ipynb", Code("first_param = 1", "parameters"));
        var single = await RunnerProcess.RunAsync(dir, "--list-parameters");
        single.ExitCode.ShouldBe(0, single.ToString());
        single.StandardOutput.ShouldContain("first_param");

        Write(dir, "second.ipynb", Code("second_param = 1", "parameters"));
        var several = await RunnerProcess.RunAsync(dir, "--list-parameters");
        several.ExitCode.ShouldBe(2, several.ToString());
        several.StandardError.ShouldStartWith("error NB5208:");
        several.StandardError.ShouldContain("first.ipynb, second.ipynb");

        var fromEnvironment = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["NBRUN_NOTEBOOK"] = "second.ipynb" }, "--list-parameters");
        fromEnvironment.ExitCode.ShouldBe(0, fromEnvironment.ToString());
        fromEnvironment.StandardOutput.ShouldContain("second_param");
    }

    [Fact]
    public async Task An_invalid_notebook_exits_2_without_running()
    {
        var dir = NewTempDirectory();
        File.Copy(TestPaths.Corpus("nbformat", "test3.ipynb"), Path.Combine(dir, "old.ipynb"));

        var result = await RunnerProcess.RunAsync(dir, "old.ipynb");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain("error NB1010:");
        result.StandardError.ShouldContain("error NB5212:");
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();
    }

    [Fact]
    public async Task Version_and_help_exit_0()
    {
        var dir = NewTempDirectory();
        var version = await RunnerProcess.RunAsync(dir, "--version");
        version.ExitCode.ShouldBe(0);
        version.StandardOutput.ShouldBe("Notebook.Sdk 0.1.0\n");

        var help = await RunnerProcess.RunAsync(dir, "--help");
        help.ExitCode.ShouldBe(0);
        help.StandardOutput.ShouldContain("Usage: nbrun [NOTEBOOK]");
        help.StandardOutput.ShouldContain("--parameters-file");
    }
}
