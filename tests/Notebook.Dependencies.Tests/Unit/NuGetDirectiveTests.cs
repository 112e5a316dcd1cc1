using System.Text.Json.Nodes;
using Notebook.Dependencies.NuGet;
using Notebook.Documents;

namespace Notebook.Dependencies.Tests.Unit;

public class NuGetDirectiveTests
{
    public static string CSharpNotebookJson(params string[] cells) => new JsonObject
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
        ["cells"] = new JsonArray([.. cells.Select((source, i) => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code", ["id"] = $"c{i}", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["execution_count"] = null, ["source"] = source,
        })]),
    }.ToJsonString();

    private static (IReadOnlyList<NuGetDirective> Directives, IReadOnlyList<Diagnostic> Diagnostics) Scan(params string[] cells) =>
        NuGetDirectiveScanner.Scan([("nb.ipynb", NotebookReader.Parse(CSharpNotebookJson(cells), "nb.ipynb"))]);

    [Theory]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.3\"", "Newtonsoft.Json", "13.0.3")]
    [InlineData("#r \"nuget:Newtonsoft.Json,13.0.3\"", "Newtonsoft.Json", "13.0.3")]
    [InlineData("  #r \"nuget: Newtonsoft.Json, [13.0.3]\"", "Newtonsoft.Json", "13.0.3")]
    [InlineData("#r \"nuget: Microsoft.Data.Analysis, 0.21.0-preview.1\"", "Microsoft.Data.Analysis", "0.21.0-preview.1")]
    public void An_exact_version_is_a_directive(string line, string id, string version)
    {
        var (directives, diagnostics) = Scan("using System;\n" + line + "\nConsole.WriteLine(1);");
        diagnostics.ShouldBeEmpty();
        var d = directives.ShouldHaveSingleItem();
        (d.Id, d.Version).ShouldBe((id, version));
    }

    [Theory]
    [InlineData("#r \"nuget: Newtonsoft.Json\"", "NB3200")]
    [InlineData("#r \"nuget: Newtonsoft.Json, \"", "NB3200")]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.*\"", "NB3201")]
    [InlineData("#r \"nuget: Newtonsoft.Json, *-*\"", "NB3201")]
    [InlineData("#r \"nuget: Newtonsoft.Json, [13.0,14.0)\"", "NB3201")]
    [InlineData("#r \"nuget: , 1.0.0\"", "NB3202")]
    public void A_version_that_could_change_is_an_error(string line, string code)
    {
        var (directives, diagnostics) = Scan(line);
        directives.ShouldBeEmpty();
        diagnostics.Select(d => d.Code).ShouldBe([code]);
    }

    [Fact]
    public void The_same_package_at_two_versions_is_an_error_and_the_same_version_twice_is_one_package()
    {
        var (directives, diagnostics) = Scan("#r \"nuget: A.B, 1.0.0\"", "#r \"nuget: a.b, 1.0.0\"\n#r \"nuget: A.B, 2.0.0\"");
        directives.ShouldHaveSingleItem().Version.ShouldBe("1.0.0");
        diagnostics.Select(d => d.Code).ShouldBe(["NB3203"]);
    }

    [Fact]
    public void Python_notebooks_and_other_lines_are_not_scanned()
    {
        var python = NotebookReader.Parse(CSharpNotebookJson("#r \"nuget: A, 1.0.0\"").Replace("\"C#\"", "\"python\"").Replace(".net-csharp", "python3"), "p.ipynb");
        NuGetDirectiveScanner.Scan([("p.ipynb", python)]).Directives.ShouldBeEmpty();
        Scan("// #r \"nuget: A, 1.0.0\"\nvar s = \"#r \\\"nuget: A\\\"\";").Directives.ShouldBeEmpty();
    }

    private const string Lock = """
        {
          "version": 1,
          "dependencies": {
            "net10.0": {
              "A": { "type": "Direct", "requested": "[1.0.0, 1.0.0]", "resolved": "1.0.0", "contentHash": "aGFzaA==" },
              "B": { "type": "Transitive", "resolved": "2.0.0", "contentHash": "aGFzaA==" }
            }
          }
        }
        """;

    [Fact]
    public void The_lock_is_current_when_its_direct_packages_are_the_directives()
    {
        var nugetLock = NuGetLock.Parse(Lock, "l.json");
        nugetLock.Packages.Count.ShouldBe(2);
        nugetLock.Differences([new NuGetDirective("a", "1.0.0", "nb", 1)]).ShouldBeEmpty();
        nugetLock.Differences([new NuGetDirective("A", "1.0.1", "nb", 1)]).ShouldBe(["A is locked at 1.0.0, not 1.0.1"]);
        nugetLock.Differences([]).ShouldBe(["A 1.0.0 is locked but no notebook asks for it"]);
        nugetLock.Differences([new NuGetDirective("A", "1.0.0", "nb", 1), new NuGetDirective("C", "3.0.0", "nb", 2)]).ShouldBe(["C 3.0.0 is not locked"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"dependencies\": {\"net10.0\": {\"A\": {\"type\": \"Direct\"}}}}")]
    [InlineData("not json")]
    public void A_lock_that_is_not_one_is_NB3208(string text) =>
        Should.Throw<NotebookSdkException>(() => NuGetLock.Parse(text, "l.json")).Diagnostic.Code.ShouldBe("NB3208");
}
