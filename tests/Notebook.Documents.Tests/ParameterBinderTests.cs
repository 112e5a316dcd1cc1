using System.Text.Json.Nodes;

namespace Notebook.Documents.Tests;

public class ParameterBinderTests
{
    private static readonly ParameterSchema Schema = new(
        ParameterSchemaParser.ParseSource("""
            count = 5
            ratio: float = 0.5
            name = "x"
            flag = False
            maybe: Optional[int] = None
            tags: list[str] = []
            weights: dict[str, float] = {}
            mode: Literal["fast", "slow"] = "fast"
            level: Literal[1, 2, None] = 1
            anything = foo()
            """, (_, _, _) => { }),
        "python", "python3", 0);

    private static JsonNode? BindOne(string name, string text) =>
        ParameterBinder.Bind(Schema, [new(name, text)]).Single().Value;

    [Theory]
    [InlineData("count", "7", "7")]
    [InlineData("count", "-7", "-7")]
    [InlineData("count", "1_000", "1000")]
    [InlineData("ratio", "1.5", "1.5")]
    [InlineData("ratio", "2", "2.0")]
    [InlineData("ratio", "1e3", "1000.0")]
    [InlineData("name", "  spaced \"text\" ", "\"  spaced \\u0022text\\u0022 \"")]
    [InlineData("name", "None", "\"None\"")]
    [InlineData("flag", "true", "true")]
    [InlineData("flag", "True", "true")]
    [InlineData("flag", "1", "true")]
    [InlineData("flag", "False", "false")]
    [InlineData("flag", "0", "false")]
    [InlineData("maybe", "None", "null")]
    [InlineData("maybe", "null", "null")]
    [InlineData("maybe", "3", "3")]
    [InlineData("tags", "[\"a\", \"b\"]", "[\"a\",\"b\"]")]
    [InlineData("tags", "['a', 'b']", "[\"a\",\"b\"]")]
    [InlineData("weights", "{\"a\": 1}", "{\"a\":1.0}")]
    [InlineData("weights", "{'a': 1.5}", "{\"a\":1.5}")]
    [InlineData("mode", "slow", "\"slow\"")]
    [InlineData("level", "2", "2")]
    [InlineData("level", "None", "null")]
    [InlineData("anything", "5", "5")]
    // Untyped parameters convert as papermill's -p does (papermill's test_quoted_params: the quotes stay).
    [InlineData("anything", "[1, 'a']", "\"[1, \\u0027a\\u0027]\"")]
    [InlineData("anything", "hello world", "\"hello world\"")]
    [InlineData("anything", "\"Hello\"", "\"\\u0022Hello\\u0022\"")]
    [InlineData("anything", "True", "true")]
    [InlineData("anything", "true", "\"true\"")]
    [InlineData("anything", "None", "null")]
    [InlineData("anything", " 1_000 ", "1000")]
    [InlineData("anything", "-2.5e3", "-2500.0")]
    [InlineData("anything", "1.", "1.0")]
    [InlineData("anything", "0x10", "\"0x10\"")]
    [InlineData("anything", "nan", "\"nan\"")]
    public void Command_line_text_is_converted(string name, string text, string json)
    {
        var value = BindOne(name, text);
        (value?.ToJsonString() ?? "null").ShouldBe(json);
    }

    [Theory]
    [InlineData("count", "5.5", "NB2021")]
    [InlineData("count", "five", "NB2021")]
    [InlineData("count", "None", "NB2021")]
    [InlineData("ratio", "nan", "NB2021")]
    [InlineData("flag", "yes", "NB2021")]
    [InlineData("tags", "[1, 2]", "NB2021")]
    [InlineData("tags", "not a list", "NB2021")]
    [InlineData("weights", "{\"a\": \"b\"}", "NB2021")]
    [InlineData("mode", "medium", "NB2022")]
    [InlineData("level", "3", "NB2022")]
    [InlineData("nope", "1", "NB2020")]
    public void Bad_command_line_value_is_an_error(string name, string text, string code)
    {
        var e = Should.Throw<ParameterBindingException>(() => ParameterBinder.Bind(Schema, [new(name, text)]));
        e.Diagnostics.Single().Code.ShouldBe(code);
    }

    [Fact]
    public void Unknown_name_lists_the_accepted_ones()
    {
        var e = Should.Throw<ParameterBindingException>(() => ParameterBinder.Bind(Schema, [new("cuont", "1")]));
        e.Diagnostics.Single().Message.ShouldContain("count (int)");
        e.Diagnostics.Single().Message.ShouldContain("mode (Literal[\"fast\", \"slow\"])");
    }

    [Fact]
    public void Every_problem_is_collected()
    {
        var file = JsonNode.Parse("""{"count": "7", "ghost": 1, "mode": "fast"}""")!.AsObject();
        var e = Should.Throw<ParameterBindingException>(() => ParameterBinder.Bind(Schema, [new("ratio", "x"), new("other", "1"), new("flag", "maybe")], file));
        e.Diagnostics.Select(d => d.Code).ShouldBe(["NB2021", "NB2020", "NB2021", "NB2020", "NB2021"]);
    }

    [Fact]
    public void File_values_are_type_checked_and_the_command_line_wins()
    {
        var file = JsonNode.Parse("""{"count": 3, "ratio": 2, "tags": ["a"], "maybe": null, "mode": "slow"}""")!.AsObject();
        var bound = ParameterBinder.Bind(Schema, [new("count", "9")], file);
        bound.Select(b => $"{b.Name}={b.Value?.ToJsonString() ?? "None"}").ShouldBe(["count=9", "ratio=2.0", "maybe=None", "tags=[\"a\"]", "mode=\"slow\""]);
    }

    [Theory]
    [InlineData("""{"count": 1.5}""", "NB2021")]
    [InlineData("""{"count": null}""", "NB2021")]
    [InlineData("""{"name": 5}""", "NB2021")]
    [InlineData("""{"flag": "true"}""", "NB2021")]
    [InlineData("""{"mode": "medium"}""", "NB2022")]
    [InlineData("""{"tags": "a"}""", "NB2021")]
    public void Bad_file_value_is_an_error(string json, string code)
    {
        var (_, diagnostics) = ParameterBinder.TryBind(Schema, Array.Empty<ParameterText>(), JsonNode.Parse(json)!.AsObject());
        diagnostics.Single().Code.ShouldBe(code);
    }

    [Fact]
    public void Last_command_line_value_wins()
    {
        ParameterBinder.Bind(Schema, [new("count", "1"), new("count", "2")]).Single().Value!.ToJsonString().ShouldBe("2");
    }

    [Fact]
    public void Schema_read_back_from_json_binds_the_same()
    {
        var reloaded = ParameterSchema.FromJsonSchema(Schema.ToJsonSchema());
        ParameterBinder.Bind(reloaded, [new("ratio", "3"), new("mode", "slow")]).Select(b => b.Value!.ToJsonString()).ShouldBe(["3.0", "\"slow\""]);
        Should.Throw<ParameterBindingException>(() => ParameterBinder.Bind(reloaded, [new("mode", "x")]));
    }
}
