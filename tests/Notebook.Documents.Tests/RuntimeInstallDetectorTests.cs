using System.Text.Json.Nodes;

namespace Notebook.Documents.Tests;

public class RuntimeInstallDetectorTests
{
    private static NotebookDocument WithCells(params (string Type, string[] Lines)[] cells)
    {
        var array = new JsonArray();
        foreach (var (type, lines) in cells)
            array.Add(new JsonObject { ["cell_type"] = type, ["metadata"] = new JsonObject(), ["source"] = new JsonArray([.. lines.Select(l => (JsonNode)l)]) });
        var root = new JsonObject { ["cells"] = array, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 4 };
        return NotebookReader.Parse(NotebookWriter.ToJson(root), "n.ipynb");
    }

    [Theory]
    [InlineData("%pip install pandas")]
    [InlineData("  !pip install -q pandas==2.2")]
    [InlineData("!pip3 install pandas")]
    [InlineData("!python -m pip install pandas")]
    [InlineData("!python3 -m pip install pandas")]
    [InlineData("!{sys.executable} -m pip install pandas")]
    [InlineData("%conda install pandas")]
    [InlineData("!conda install -y pandas")]
    [InlineData("%%pip install pandas")]
    [InlineData("%mamba install pandas")]
    public void Install_line_is_NB1040_at_its_file_line(string line)
    {
        var doc = WithCells(("markdown", ["# Title"]), ("code", ["import os\n", line + "\n", "print(1)"]));
        var found = RuntimeInstallDetector.Detect(doc);
        found.Count.ShouldBe(1);
        found[0].Code.ShouldBe("NB1040");
        found[0].File.ShouldBe("n.ipynb");
        found[0].Message.ShouldContain("requirements.txt");
        found[0].Message.ShouldContain("pandas");
        var fileLines = NotebookWriter.ToJson(doc).Split('\n');
        fileLines[found[0].Line - 1].ShouldContain(line.Trim().Replace("\"", "\\\"", StringComparison.Ordinal)[..6]);
    }

    [Fact]
    public void Pip_in_a_bash_cell_is_found_too()
    {
        var doc = WithCells(("code", ["%%bash\n", "pip install requests\n"]));
        RuntimeInstallDetector.Detect(doc).Single().Code.ShouldBe("NB1040");
    }

    [Theory]
    [InlineData("# %pip install pandas")]
    [InlineData("print('!pip install x')")]
    [InlineData("%pip list")]
    [InlineData("!pip freeze")]
    [InlineData("pip install x")] // not a magic and not in a shell cell: a Python syntax error, not an install
    public void Other_lines_are_not_installs(string line)
    {
        RuntimeInstallDetector.Detect(WithCells(("code", [line]))).ShouldBeEmpty();
    }

    [Fact]
    public void Markdown_cells_are_ignored()
    {
        RuntimeInstallDetector.Detect(WithCells(("markdown", ["%pip install pandas"]))).ShouldBeEmpty();
    }

    [Fact]
    public void Corpus_has_no_runtime_installs()
    {
        foreach (var file in NotebookValidatorTests.AllCorpusNotebooks().Where(f => NotebookValidatorTests.Expected[f].Length == 0))
            RuntimeInstallDetector.Detect(NotebookReader.Read(TestPaths.CorpusFile(file))).ShouldBeEmpty(file);
    }
}
