using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents.Tests;

public class ParameterInjectorTests
{
    private static NotebookDocument Notebook(int minor, params string[] tagsPerCell)
    {
        var cells = new JsonArray();
        for (var i = 0; i < tagsPerCell.Length; i++)
        {
            var cell = new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["tags"] = tagsPerCell[i].Length == 0 ? new JsonArray() : new JsonArray((JsonNode)tagsPerCell[i]) },
                ["outputs"] = new JsonArray(),
                ["source"] = $"cell_{i} = {i}",
            };
            if (minor >= 5) cell["id"] = $"c{i}";
            cells.Add(cell);
        }
        return new NotebookDocument(new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = minor });
    }

    private static readonly BoundParameter[] Values = [new("top_n", JsonValue.Create(5)), new("name", JsonValue.Create("a\"b"))];

    [Fact]
    public void Goes_right_after_the_parameters_cell()
    {
        var doc = Notebook(4, "", "parameters", "");
        ParameterInjector.Inject(doc, Values, "python").ShouldBeEmpty();
        var cells = doc.Cells.ToList();
        cells.Count.ShouldBe(4);
        cells[2].Tags.ShouldBe(["injected-parameters"]);
        cells[2].Source.ShouldBe("# Parameters\ntop_n = 5\nname = \"a\\\"b\"\n");
        cells[2].Json.ContainsKey("id").ShouldBeFalse();
        NotebookValidator.Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void Replaces_an_earlier_injected_cell_in_place()
    {
        var doc = Notebook(5, "parameters", "", "injected-parameters", "");
        ParameterInjector.Inject(doc, Values, "python");
        var cells = doc.Cells.ToList();
        cells.Count.ShouldBe(4);
        cells[2].HasTag("injected-parameters").ShouldBeTrue();
        cells[2].Id.ShouldBe("c2");
        cells[2].Source.ShouldContain("top_n = 5");
        NotebookValidator.Validate(doc).ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_parameters_cell_goes_to_the_top_with_a_warning()
    {
        var doc = Notebook(5, "", "");
        var warnings = ParameterInjector.Inject(doc, Values, "python");
        warnings.Single().Code.ShouldBe("NB2040");
        warnings.Single().Severity.ShouldBe(Severity.Warning);
        doc.Cells.First().HasTag("injected-parameters").ShouldBeTrue();
    }

    [Fact]
    public void New_cell_gets_a_deterministic_unique_id_in_4_5()
    {
        var doc = Notebook(5, "parameters");
        doc.CellArray[0]!["id"] = "injected-parameters";
        ParameterInjector.Inject(doc, Values, "python");
        doc.Cells.ElementAt(1).Id.ShouldBe("injected-parameters-2");
        NotebookValidator.Validate(doc).ShouldBeEmpty();
        var again = Notebook(5, "parameters");
        ParameterInjector.Inject(again, Values, "python");
        again.Cells.ElementAt(1).Id.ShouldBe("injected-parameters");
    }

    [Fact]
    public void Unsupported_language_is_NB2041()
    {
        Should.Throw<NotebookSdkException>(() => ParameterInjector.Inject(Notebook(4, "parameters"), Values, "R")).Code.ShouldBe("NB2041");
    }

    [Fact]
    public void Invalid_name_is_refused()
    {
        Should.Throw<ArgumentException>(() => ParameterInjector.Inject(Notebook(4, "parameters"), [new("x = 1; import os; y", null)], "python"));
    }

    [Fact]
    public async Task Injected_cell_runs_in_python_and_yields_the_values()
    {
        var values = PythonLiteralRendererTests.Adversarial.Select((s, i) => new BoundParameter($"p{i}", JsonValue.Create(s))).ToList();
        values.Add(new("nested", JsonNode.Parse("""{"a": [1, 2.5, null, true], "b\n": {"c": "\u0000"}}""")));
        var doc = Notebook(5, "parameters");
        ParameterInjector.Inject(doc, values, "python");
        var source = doc.Cells.Single(c => c.HasTag("injected-parameters")).Source;
        var script = new StringBuilder(Python.CanonicalFunction).Append(source).Append("print(json.dumps(canonical([")
            .Append(string.Join(", ", values.Select(v => v.Name))).Append("])))\n");
        var seen = JsonNode.Parse(await Python.RunAsync(script.ToString()))!.AsArray();
        seen.Count.ShouldBe(values.Count);
        for (var i = 0; i < values.Count; i++)
            JsonNode.DeepEquals(seen[i], Python.Canonical(values[i].Value)).ShouldBeTrue(values[i].Name);
    }
}
