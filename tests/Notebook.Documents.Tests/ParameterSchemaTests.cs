using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents.Tests;

public class ParameterSchemaTests
{
    private const string Cell = """
        # Parameters
        start_date = "2026-01-01"  # first day
        top_n: int = 10
        ratio: float = 0.5
        verbose: bool = False
        regions: list[str] = ["eu", "us"]
        weights: Dict[str, float] = {"a": 1.5}
        limit: Optional[int] = None
        mode: Literal["fast", "slow"] = "fast"
        extra = None
        computed = len(regions)
        """;

    private static ParameterSchema Schema()
    {
        var parameters = ParameterSchemaParser.ParseSource(Cell, (_, _, _) => { });
        return new ParameterSchema(parameters, "python", "python3", 2);
    }

    [Fact]
    public void Json_schema_has_the_expected_shape()
    {
        var json = Schema().ToJsonSchema();
        json["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        json["type"]!.GetValue<string>().ShouldBe("object");
        json["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        var properties = json["properties"]!.AsObject();
        properties.Select(p => p.Key).ShouldBe(["start_date", "top_n", "ratio", "verbose", "regions", "weights", "limit", "mode", "extra", "computed"]);
        properties["start_date"]!.ToJsonString().ShouldBe("""{"type":"string","default":"2026-01-01","description":"first day","x-line":2}""");
        properties["top_n"]!.ToJsonString().ShouldBe("""{"type":"integer","default":10,"x-line":3}""");
        properties["ratio"]!["type"]!.GetValue<string>().ShouldBe("number");
        properties["regions"]!.ToJsonString().ShouldBe("""{"type":"array","items":{"type":"string"},"default":["eu","us"],"x-line":6}""");
        properties["weights"]!["additionalProperties"]!.ToJsonString().ShouldBe("""{"type":"number"}""");
        properties["limit"]!["type"]!.ToJsonString().ShouldBe("""["integer","null"]""");
        properties["mode"]!["enum"]!.ToJsonString().ShouldBe("""["fast","slow"]""");
        properties["extra"]!.ToJsonString().ShouldBe("""{"default":null,"x-line":10}""");
        properties["computed"]!.ToJsonString().ShouldBe("""{"x-line":11}""");
        json["x-notebook"]!.ToJsonString().ShouldBe("""{"language":"python","kernel":"python3","cell":2}""");
    }

    [Fact]
    public void Json_schema_round_trips()
    {
        var schema = Schema();
        var back = ParameterSchema.FromJson(schema.ToJson());
        back.Language.ShouldBe("python");
        back.KernelName.ShouldBe("python3");
        back.CellIndex.ShouldBe(2);
        back.Parameters.Count.ShouldBe(schema.Parameters.Count);
        foreach (var (a, b) in schema.Parameters.Zip(back.Parameters))
        {
            b.Name.ShouldBe(a.Name);
            b.Type.ShouldBe(a.Type, a.Name);
            b.HasDefault.ShouldBe(a.HasDefault);
            b.Default?.ToJsonString().ShouldBe(a.Default?.ToJsonString());
            b.Description.ShouldBe(a.Description);
            b.Line.ShouldBe(a.Line);
        }
        back.ToJson().ShouldBe(schema.ToJson());
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        Schema().ToJson().ShouldBe(Schema().ToJson());
        Schema().ToJson().ShouldEndWith("}\n");
    }

    [Fact]
    public void Float_defaults_stay_floats_through_json()
    {
        var schema = new ParameterSchema(ParameterSchemaParser.ParseSource("x = 1.0", (_, _, _) => { }), "python", null, 0);
        ParameterSchema.FromJson(schema.ToJson()).Parameters.Single().Default!.ToJsonString().ShouldBe("1.0");
    }

    [Theory]
    [InlineData("""{"properties":[]}""")]
    [InlineData("""{"properties":{"x; import os":{}}}""")]
    [InlineData("""{"properties":{"x":{"type":"complex"}}}""")]
    [InlineData("""{"properties":{"x":{"type":["integer","string"]}}}""")]
    [InlineData("""[1]""")]
    [InlineData("""{""")]
    public void Invalid_schema_is_NB2023(string json)
    {
        Should.Throw<NotebookSdkException>(() => ParameterSchema.FromJson(json)).Code.ShouldBe("NB2023");
    }

    [Fact]
    public async Task Schema_loads_from_a_file()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "report.schema.json");
        await File.WriteAllTextAsync(file, Schema().ToJson());
        (await ParameterSchema.LoadAsync(file)).Parameters.Count.ShouldBe(10);
    }
}
