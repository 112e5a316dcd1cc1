using System.Text.RegularExpressions;

namespace Notebook.Sdk.Tests;

/// <summary>
/// Every notebook of the shared corpus, built by `dotnet build` in one project: the valid ones build clean,
/// the invalid ones fail with their code, at their file.
/// </summary>
public sealed class CorpusBuildTests
{
    // Build-level verdicts: validation (nbformat 4.0-4.5), runtime installs, and the parameters cell.
    // Files not listed here must build without errors.
    private static readonly Dictionary<string, string[]> s_expectedErrors = new()
    {
        ["nbclient/Output.ipynb"] = ["NB1020"],                 // kernelspec {} lacks name/display_name
        ["nbformat/invalid.ipynb"] = ["NB1020", "NB1023", "NB1024"],
        ["nbformat/invalid_cell_id.ipynb"] = ["NB1026"],
        ["nbformat/invalid_unique_cell_id.ipynb"] = ["NB1027"],
        ["nbformat/no_min_version.ipynb"] = ["NB1020"],
        ["nbformat/test2.ipynb"] = ["NB1010"],                  // nbformat 2 and 3: refused, upgrade
        ["nbformat/test3.ipynb"] = ["NB1010"],
        ["nbformat/test3_no_metadata.ipynb"] = ["NB1010"],
        ["nbformat/test3_no_min_version.ipynb"] = ["NB1010"],
        ["nbformat/test3_no_worksheets.ipynb"] = ["NB1010"],
        ["nbformat/test3_worksheet_with_no_cells.ipynb"] = ["NB1010"],
        ["nbformat/v4_5_invalid_metadata.ipynb"] = ["NB1021", "NB1025"],
        ["papermill/complex_parameters.ipynb"] = ["NB2004"],   // its parameters cell ends in "= 2", not Python
    };

    private static readonly Dictionary<string, string[]> s_expectedWarnings = new()
    {
        ["nbformat/test4plus.ipynb"] = ["NB1012"],              // nbformat 4.99: checked as 4.5
        ["nbformat/v4_5_no_cell_id.ipynb"] = ["NB1028"],        // a missing id is a warning, as in nbformat
        ["papermill/complex_parameters.ipynb"] = ["NB2002"],   // "d = a == 3" is not a literal
        ["papermill/notimplemented_translator.ipynb"] = ["NB2001"], // not a Python kernel
    };

    [Fact]
    public async Task Every_corpus_notebook_gets_its_verdict()
    {
        using var project = new TestProject("corpus");
        var files = Directory.EnumerateFiles(Repo.Corpus, "*.ipynb", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Corpus, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToArray();
        files.Length.ShouldBeGreaterThan(50);
        foreach (var file in files) project.CopyIn(Path.Combine(Repo.Corpus, file), file);

        var result = await project.BuildAsync();

        result.ExitCode.ShouldNotBe(0);
        NotebookBuildTests.NoStackTrace(result);
        foreach (var file in files)
        {
            Codes(result, project, file, "error").ShouldBe(s_expectedErrors.GetValueOrDefault(file, []), $"errors of {file}");
            Codes(result, project, file, "warning").ShouldBe(s_expectedWarnings.GetValueOrDefault(file, []), $"warnings of {file}");
        }
        // Valid notebooks got their schema even though the build failed on others.
        File.Exists(NotebookBuildTests.SchemaPath(project, "nbclient/HelloWorld")).ShouldBeTrue();
    }

    [Fact]
    public async Task The_valid_corpus_notebooks_build()
    {
        using var project = new TestProject("valid");
        foreach (var file in Directory.EnumerateFiles(Repo.Corpus, "*.ipynb", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Corpus, file).Replace('\\', '/');
            if (!s_expectedErrors.ContainsKey(relative)) project.CopyIn(file, relative);
        }

        var result = await project.BuildAsync();

        result.ExitCode.ShouldBe(0, result.Output);
        result.ErrorCodes.ShouldBeEmpty();
    }

    private static string[] Codes(ProcessResult result, TestProject project, string file, string kind)
    {
        var path = Regex.Escape(Path.Combine(project.Directory, file));
        return Regex.Matches(result.Output, $@"^\s*{path}(\([\d,]+\))?: {kind} (NB\d{{4}}):", RegexOptions.Multiline)
            .Select(m => m.Groups[2].Value).Distinct().Order(StringComparer.Ordinal).ToArray();
    }
}
