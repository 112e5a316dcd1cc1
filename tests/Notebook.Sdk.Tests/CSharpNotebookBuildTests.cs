using System.Text.Json.Nodes;

namespace Notebook.Sdk.Tests;

/// <summary>`dotnet build` of a .nbproj with a C# notebook: the task reads the parameters cell with Roslyn inside MSBuild.</summary>
public sealed class CSharpNotebookBuildTests
{
    private static string CSharpNotebook(string parameters) => new JsonObject
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
        ["cells"] = new JsonArray(
            new JsonObject { ["cell_type"] = "code", ["id"] = "p", ["metadata"] = new JsonObject { ["tags"] = new JsonArray("parameters") }, ["outputs"] = new JsonArray(), ["execution_count"] = null,
                ["source"] = new JsonArray([.. parameters.Split('\n').Select(l => (JsonNode)(l + "\n"))]) },
            new JsonObject { ["cell_type"] = "code", ["id"] = "b", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["execution_count"] = null, ["source"] = "Console.WriteLine(topN);" }),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    [Fact]
    public async Task The_parameters_cell_becomes_a_schema_and_a_non_literal_a_warning_with_its_line()
    {
        using var project = new TestProject();
        project.Write("report.ipynb", CSharpNotebook("string region = \"north\"; // the region\nint topN = 5;\nvar started = DateTime.Now;\ndecimal rate = 0.1m;"));

        var build = await project.BuildAsync();

        build.ExitCode.ShouldBe(0, build.Output);
        build.Output.ShouldMatch(@"report\.ipynb\(\d+\): warning NB2100");
        var schema = JsonNode.Parse(File.ReadAllText(NotebookBuildTests.SchemaPath(project, "report")))!;
        schema["x-notebook"]!["language"]!.GetValue<string>().ShouldBe("C#");
        var properties = schema["properties"]!.AsObject();
        properties.Select(p => p.Key).ShouldBe(["region", "topN", "rate"]);
        properties["rate"]!["x-type"]!.GetValue<string>().ShouldBe("decimal");
        properties["region"]!["description"]!.GetValue<string>().ShouldBe("the region");
    }
}
