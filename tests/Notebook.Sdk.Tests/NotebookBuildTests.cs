using System.Text.Json.Nodes;

namespace Notebook.Sdk.Tests;

/// <summary>`dotnet build` of real .nbproj projects: notebooks are items, validated, and their parameters typed.</summary>
public sealed class NotebookBuildTests
{
    private const string ValidNotebook = """
        {"cells": [{"cell_type": "code", "execution_count": null, "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [],
          "source": ["alpha = 1\n", "beta: float = 2.5  # the rate\n", "mode: Literal['a', 'b'] = 'a'"]}],
         "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
         "nbformat": 4, "nbformat_minor": 5}
        """;

    private const string BrokenJson = "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}\n";

    [Fact]
    public async Task Hello_sample_builds_and_gets_a_typed_schema()
    {
        using var project = new TestProject("hello", File.ReadAllText(Path.Combine(Repo.Samples, "hello", "hello.nbproj")));
        project.CopyIn(Path.Combine(Repo.Samples, "hello", "hello.ipynb"));

        var result = await project.BuildAsync();

        result.ExitCode.ShouldBe(0, result.Output);
        var schema = ReadSchema(project, "hello");
        var properties = schema["properties"]!.AsObject();
        properties.Select(p => p.Key).ShouldBe(["name", "times", "excited", "style"]);
        properties["name"]!["type"]!.GetValue<string>().ShouldBe("string");
        properties["name"]!["default"]!.GetValue<string>().ShouldBe("world");
        properties["times"]!["type"]!.GetValue<string>().ShouldBe("integer");
        properties["excited"]!["type"]!.GetValue<string>().ShouldBe("boolean");
        properties["style"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["plain", "shout"]);
    }

    [Fact]
    public async Task Schema_files_are_an_item_output()
    {
        using var project = new TestProject();
        project.Write("a.ipynb", ValidNotebook);
        project.Write("sub/b.ipynb", ValidNotebook);

        var result = await project.DotnetAsync("build", project.ProjectPath, "-t:Build", "-getItem:NotebookParameterSchema");

        result.ExitCode.ShouldBe(0, result.Output);
        var json = JsonNode.Parse(result.Output[result.Output.IndexOf('{')..])!;
        var items = json["Items"]!["NotebookParameterSchema"]!.AsArray();
        items.Select(i => i!["Notebook"]!.GetValue<string>().Replace('\\', '/')).Order().ShouldBe(["a.ipynb", "sub/b.ipynb"]);
        foreach (var item in items)
            File.Exists(item!["FullPath"]!.GetValue<string>()).ShouldBeTrue();
    }

    [Fact]
    public async Task Notebooks_under_bin_obj_and_checkpoints_are_not_items()
    {
        using var project = new TestProject();
        project.Write("good.ipynb", ValidNotebook);
        project.Write("bin/stale.ipynb", BrokenJson);
        project.Write("obj/stale.ipynb", BrokenJson);
        project.Write(".ipynb_checkpoints/good-checkpoint.ipynb", BrokenJson);
        project.Write("sub/.ipynb_checkpoints/x-checkpoint.ipynb", BrokenJson);

        var result = await project.BuildAsync();

        result.ExitCode.ShouldBe(0, result.Output);
        result.ErrorCodes.ShouldBeEmpty();
        File.Exists(SchemaPath(project, "good")).ShouldBeTrue();
    }

    [Fact]
    public async Task Default_items_can_be_switched_off_and_notebooks_listed_by_hand()
    {
        using var project = new TestProject(projectXml: TestProject.ProjectXml(
            "<EnableDefaultNotebookItems>false</EnableDefaultNotebookItems>",
            "<Notebook Include=\"chosen.ipynb\" />"));
        project.Write("broken.ipynb", BrokenJson);
        project.Write("chosen.ipynb", ValidNotebook);

        var result = await project.BuildAsync();

        result.ExitCode.ShouldBe(0, result.Output);
        File.Exists(SchemaPath(project, "chosen")).ShouldBeTrue();
        File.Exists(SchemaPath(project, "broken")).ShouldBeFalse();
    }

    [Fact]
    public async Task Json_syntax_error_fails_with_file_line_and_column_in_canonical_format()
    {
        using var project = new TestProject();
        var path = project.Write("broken.ipynb", BrokenJson);

        var result = await project.BuildAsync();

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB1001"]);
        result.Output.ShouldMatch(@$"{System.Text.RegularExpressions.Regex.Escape(path)}\(3,\d+\): error NB1001: ");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Nbformat_3_is_refused_with_the_upgrade_command()
    {
        using var project = new TestProject();
        project.CopyIn(Path.Combine(Repo.Corpus, "nbformat", "test3.ipynb"));

        var result = await project.BuildAsync();

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB1010"]);
        result.Output.ShouldContain("jupyter nbconvert --to notebook --nbformat 4");
    }

    [Theory]
    [InlineData("%pip install pandas")]
    [InlineData("!pip install requests==2.0")]
    [InlineData("%conda install numpy")]
    public async Task Runtime_installs_are_refused_at_their_line(string line)
    {
        using var project = new TestProject();
        var doc = JsonNode.Parse(ValidNotebook)!.AsObject();
        doc["cells"]!.AsArray().Add(new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["id"] = "install", ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(), ["source"] = new JsonArray("import os\n", line + "\n", "print(1)"),
        });
        var path = project.Write("installs.ipynb", doc.ToJsonString(new() { WriteIndented = true }));

        var result = await project.BuildAsync();

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB1040"]);
        var expectedLine = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains(line.Split(' ')[0], StringComparison.Ordinal)) + 1;
        result.Output.ShouldContain($"{path}({expectedLine}");
        result.Output.ShouldContain("requirements.txt");
    }

    [Fact]
    public async Task Parameters_cell_with_a_duplicate_name_is_an_error_with_its_line()
    {
        using var project = new TestProject();
        var doc = JsonNode.Parse(ValidNotebook)!.AsObject();
        doc["cells"]![0]!["source"] = new JsonArray("alpha = 1\n", "alpha = 2\n");
        var path = project.Write("dup.ipynb", doc.ToJsonString());

        var result = await project.BuildAsync();

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB2003"]);
        result.Output.ShouldContain($"{path}(1): error NB2003");
    }

    [Fact]
    public async Task Notebook_without_parameters_cell_has_an_empty_schema()
    {
        using var project = new TestProject();
        project.CopyIn(Path.Combine(Repo.Corpus, "papermill", "no_parameters.ipynb"));

        var result = await project.BuildAsync();

        result.ExitCode.ShouldBe(0, result.Output);
        ReadSchema(project, "no_parameters")["properties"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Second_build_runs_no_notebook_target_and_rewrites_nothing_under_obj()
    {
        using var project = new TestProject();
        project.Write("a.ipynb", ValidNotebook);
        project.Write("b.ipynb", ValidNotebook);
        (await project.BuildAsync()).ExitCode.ShouldBe(0);
        var before = SnapshotObj(project);
        await Task.Delay(1100); // file times have 1 s resolution on some file systems

        var second = await project.BuildAsync("-v:d");

        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldContain("Skipping target \"CheckNotebooks\" because all output files are up-to-date");
        SnapshotObj(project).ShouldBe(before);

        // One notebook touched: only that one is checked again.
        File.SetLastWriteTimeUtc(Path.Combine(project.Directory, "b.ipynb"), DateTime.UtcNow);
        var third = await project.BuildAsync("-v:d");
        third.ExitCode.ShouldBe(0, third.Output);
        third.Output.ShouldContain("Building target \"CheckNotebooks\" partially");
        var fourth = await project.BuildAsync("-v:d");
        fourth.Output.ShouldContain("Skipping target \"CheckNotebooks\" because all output files are up-to-date");
    }

    [Fact]
    public async Task Clean_removes_the_schemas_and_publish_builds()
    {
        using var project = new TestProject();
        project.Write("a.ipynb", ValidNotebook);
        (await project.BuildAsync()).ExitCode.ShouldBe(0);
        File.Exists(SchemaPath(project, "a")).ShouldBeTrue();

        var clean = await project.DotnetAsync("clean", project.ProjectPath);

        clean.ExitCode.ShouldBe(0, clean.Output);
        File.Exists(SchemaPath(project, "a")).ShouldBeFalse();
    }

    internal static string SchemaPath(TestProject project, string name, string configuration = "Debug") =>
        Path.Combine(project.Directory, "obj", configuration, "notebooks", name + ".parameters.json");

    private static JsonObject ReadSchema(TestProject project, string name) =>
        JsonNode.Parse(File.ReadAllText(SchemaPath(project, name)))!.AsObject();

    private static Dictionary<string, DateTime> SnapshotObj(TestProject project) =>
        Directory.EnumerateFiles(Path.Combine(project.Directory, "obj"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

    internal static void NoStackTrace(ProcessResult result) =>
        result.Output.ShouldNotMatch(@"^\s+at [\w.<>]+\(", "a stack trace reached the user");
}
