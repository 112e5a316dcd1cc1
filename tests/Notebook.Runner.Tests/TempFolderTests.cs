using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>nbrun needs a writable temporary folder (TMPDIR, else /tmp) for the kernel; without one it says so before anything runs.</summary>
public sealed class TempFolderTests : TempFolderTest
{
    [Theory]
    [InlineData("missing-folder")]
    [InlineData("a-file")]
    public async Task A_temporary_folder_that_takes_no_file_is_NB5260_and_nothing_runs(string tmpdir)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('ran')"));
        File.WriteAllText(Path.Combine(dir, "a-file"), "");

        var result = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["TMPDIR"] = Path.Combine(dir, tmpdir) }, "nb.ipynb");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldStartWith("error NB5260:");
        result.StandardError.ShouldContain("TMPDIR");
        result.StandardError.ShouldNotContain("   at ");
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_writable_TMPDIR_is_used_and_left_empty()
    {
        var dir = NewTempDirectory();
        var tmp = Directory.CreateDirectory(Path.Combine(dir, "scratch")).FullName;
        Write(dir, "nb.ipynb", Code("import tempfile\nprint(tempfile.gettempdir())"));

        var result = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["TMPDIR"] = tmp }, "nb.ipynb");

        result.ExitCode.ShouldBe(0, result.ToString());
        StreamText(Read(Path.Combine(dir, "output", "nb.ipynb")), 0).ShouldContain(tmp);
        Directory.GetFileSystemEntries(tmp).ShouldBeEmpty();
    }
}
