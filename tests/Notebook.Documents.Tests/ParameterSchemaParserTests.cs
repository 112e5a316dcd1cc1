using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents.Tests;

public class ParameterSchemaParserTests
{
    private static (IReadOnlyList<ParameterDefinition> Parameters, List<(string Code, int Line)> Messages) ParseSource(string source)
    {
        var messages = new List<(string, int)>();
        var parameters = ParameterSchemaParser.ParseSource(source, (d, line, _) => messages.Add((d.Code, line)));
        return (parameters, messages);
    }

    private static ParameterDefinition One(string source)
    {
        var (parameters, messages) = ParseSource(source);
        messages.ShouldBeEmpty(string.Join(", ", messages));
        return parameters.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("x = 5", "int", "5")]
    [InlineData("x = -5", "int", "-5")]
    [InlineData("x = 1_000_000", "int", "1000000")]
    [InlineData("x = 0x1F", "int", "31")]
    [InlineData("x = 0o17", "int", "15")]
    [InlineData("x = 0b101", "int", "5")]
    [InlineData("x = 123456789012345678901234567890", "int", "123456789012345678901234567890")]
    [InlineData("x = 1.5", "float", "1.5")]
    [InlineData("x = 1e3", "float", "1000.0")]
    [InlineData("x = .5", "float", "0.5")]
    [InlineData("x = -2.", "float", "-2.0")]
    [InlineData("x = 'a'", "str", "\"a\"")]
    [InlineData("x = \"a\\nb\\t\\x41\\u00e9\\U0001F600\\\\\"", "str", "\"a\\nb\\tA\\u00E9\\uD83D\\uDE00\\\\\"")]
    [InlineData("x = r'C:\\new'", "str", "\"C:\\\\new\"")]
    [InlineData("x = u'a'", "str", "\"a\"")]
    [InlineData("x = 'a' 'b'", "str", "\"ab\"")]
    [InlineData("x = '''multi\nline'''", "str", "\"multi\\nline\"")]
    [InlineData("x = \"\"\"it's \"quoted\" \"\"\"", "str", "\"it\\u0027s \\u0022quoted\\u0022 \"")]
    [InlineData("x = True", "bool", "true")]
    [InlineData("x = False", "bool", "false")]
    [InlineData("x = [1, 2, 3]", "list[int]", "[1,2,3]")]
    [InlineData("x = [1, 2.5]", "list[float]", "[1,2.5]")]
    [InlineData("x = [1, 'a']", "list", "[1,\"a\"]")]
    [InlineData("x = []", "list", "[]")]
    [InlineData("x = (1, 2)", "list[int]", "[1,2]")]
    [InlineData("x = 1, 2", "list[int]", "[1,2]")]
    [InlineData("x = (1,)", "list[int]", "[1]")]
    [InlineData("x = (5)", "int", "5")]
    [InlineData("x = {'a': 1, 'b': [True, None]}", "dict", "{\"a\":1,\"b\":[true,null]}")]
    [InlineData("x = {'a': 1}", "dict[str, int]", "{\"a\":1}")]
    [InlineData("x = {1, 2}", "list[int]", "[1,2]")]
    [InlineData("x = [\n    1,  # one\n    2,\n]", "list[int]", "[1,2]")]
    public void Literal_default_gives_type_and_value(string source, string type, string json)
    {
        var p = One(source);
        p.Name.ShouldBe("x");
        p.Type.ToString().ShouldBe(type);
        p.HasDefault.ShouldBeTrue();
        p.Default!.ToJsonString().ShouldBe(json);
        p.Line.ShouldBe(1);
    }

    [Fact]
    public void None_default_without_annotation_is_any()
    {
        var p = One("x = None");
        p.Type.Kind.ShouldBe(ParameterKind.Any);
        p.HasDefault.ShouldBeTrue();
        p.Default.ShouldBeNull();
    }

    [Theory]
    [InlineData("x: int = 1", "int")]
    [InlineData("x: float = 1", "float")]
    [InlineData("x: str = 'a'", "str")]
    [InlineData("x: bool = True", "bool")]
    [InlineData("x: list = []", "list")]
    [InlineData("x: list[str] = []", "list[str]")]
    [InlineData("x: List[str] = []", "list[str]")]
    [InlineData("x: typing.List[int] = []", "list[int]")]
    [InlineData("x: tuple[int, ...] = (1,)", "list[int]")]
    [InlineData("x: dict = {}", "dict")]
    [InlineData("x: Dict[str, float] = {}", "dict[str, float]")]
    [InlineData("x: dict[str, list[int]] = {}", "dict[str, list[int]]")]
    [InlineData("x: Optional[int] = None", "Optional[int]")]
    [InlineData("x: int | None = None", "Optional[int]")]
    [InlineData("x: None | str = None", "Optional[str]")]
    [InlineData("x: Union[int, None] = None", "Optional[int]")]
    [InlineData("x: typing.Optional[typing.List[str]] = None", "Optional[list[str]]")]
    [InlineData("x: int = None", "Optional[int]")] // implicit Optional
    [InlineData("x: Literal['a', 'b'] = 'a'", "Literal[\"a\", \"b\"]")]
    [InlineData("x: Literal[1, 2, 3] = 1", "Literal[1, 2, 3]")]
    [InlineData("x: Optional[Literal['a', 'b']] = None", "Optional[Literal[\"a\", \"b\"]]")]
    [InlineData("x: Any = 1", "Any")]
    [InlineData("x: \"Optional[int]\" = None", "Optional[int]")]
    [InlineData("x: \"NoneType\" = None", "None")]
    [InlineData("x: Union[int, float] = 1", "float")]
    [InlineData("x = [] # type: List[str]", "list[str]")]
    public void Annotation_gives_type(string source, string type)
    {
        One(source).Type.ToString().ShouldBe(type);
    }

    [Fact]
    public void Literal_annotation_keeps_allowed_values()
    {
        var p = One("mode: Literal['fast', 'slow', 3] = 'fast'");
        p.Type.AllowedValues!.Select(v => v!.ToJsonString()).ShouldBe(["\"fast\"", "\"slow\"", "3"]);
    }

    [Fact]
    public void Declared_float_turns_an_int_default_into_a_float()
    {
        One("x: float = 1").Default!.ToJsonString().ShouldBe("1.0");
    }

    [Fact]
    public void Papermill_complex_parameters_notebook()
    {
        var doc = NotebookReader.Read(TestPaths.CorpusFile("papermill/complex_parameters.ipynb"));
        var (schema, diagnostics) = ParameterSchemaParser.Parse(doc);
        schema.Parameters.Select(p => p.Name).ShouldBe(["msg", "a", "b", "c", "d"]);
        var byName = schema.Parameters.ToDictionary(p => p.Name);
        byName["msg"].Type.Kind.ShouldBe(ParameterKind.Any);
        byName["a"].Type.ShouldBe(ParameterType.Float);
        byName["a"].Default!.ToJsonString().ShouldBe("2.25");
        byName["a"].Description.ShouldBe("Variable a");
        byName["b"].Type.ToString().ShouldBe("list[str]");
        byName["b"].Default!.ToJsonString().ShouldBe("[\"Hello\",\"World\"]");
        byName["b"].Description.ShouldBe("Nice list");
        byName["c"].Type.ShouldBe(ParameterType.None);
        byName["c"].Description.ShouldBe("Interesting c variable"); // the comment line right above
        byName["d"].HasDefault.ShouldBeFalse();
        byName["d"].Type.Kind.ShouldBe(ParameterKind.Any);
        // "d = a == 3" is not a literal (warning); "= 2" cannot be read (error), each at its line in the file.
        diagnostics.Select(d => d.Code).ShouldBe(["NB2002", "NB2004"]);
        var fileLines = File.ReadAllLines(TestPaths.CorpusFile("papermill/complex_parameters.ipynb"));
        fileLines[diagnostics[0].Line - 1].ShouldContain("d = a == 3");
        fileLines[diagnostics[1].Line - 1].ShouldContain("\"= 2\"");
    }

    [Fact]
    public void Non_literal_values_warn_and_keep_the_parameter()
    {
        var (parameters, messages) = ParseSource("a = 1\nx = foo()\ny: int = a + 1\n");
        parameters.Select(p => p.Name).ShouldBe(["a", "x", "y"]);
        parameters[1].Type.Kind.ShouldBe(ParameterKind.Any);
        parameters[1].HasDefault.ShouldBeFalse();
        parameters[2].Type.ShouldBe(ParameterType.Int);
        messages.ShouldBe([("NB2002", 2), ("NB2002", 3)]);
    }

    [Fact]
    public void Duplicate_name_is_an_error_with_its_line()
    {
        var (parameters, messages) = ParseSource("x = 1\n\n# again\nx = 2\n");
        parameters.ShouldHaveSingleItem().Default!.ToJsonString().ShouldBe("1");
        messages.ShouldBe([("NB2003", 4)]);
    }

    [Theory]
    [InlineData("= 2", 1)]
    [InlineData("x = 1\nprint(x)", 2)]
    [InlineData("x = 1\nx.y = 2", 2)]
    [InlineData("a = b = 1", 1)]
    [InlineData("x = 1\ny = [1, 2\n", 2)]
    [InlineData("x = 'open", 1)]
    [InlineData("x = 1\nif x:\n    y = 2", 2)]
    [InlineData("x = )", 1)]
    public void Unreadable_syntax_is_an_error_with_its_line(string source, int line)
    {
        var (_, messages) = ParseSource(source);
        messages.ShouldContain(("NB2004", line));
    }

    [Fact]
    public void Comments_blank_lines_and_imports_are_fine()
    {
        var (parameters, messages) = ParseSource("# Parameters\nimport datetime\nfrom typing import List\n\n\n# how many rows\ntop_n: int = 10  # rows to show\n");
        messages.ShouldBeEmpty();
        var p = parameters.ShouldHaveSingleItem();
        p.Description.ShouldBe("rows to show");
        p.Line.ShouldBe(7);
    }

    [Fact]
    public void Unknown_annotation_warns_and_accepts_any()
    {
        var (parameters, messages) = ParseSource("d: datetime.date = None");
        parameters.Single().Type.Kind.ShouldBe(ParameterKind.Any);
        messages.ShouldBe([("NB2005", 1)]);
    }

    [Fact]
    public void Default_that_contradicts_the_annotation_warns()
    {
        var (_, messages) = ParseSource("x: int = 'a'");
        messages.ShouldBe([("NB2006", 1)]);
    }

    [Fact]
    public void Strings_the_parser_cannot_decode_are_not_literals()
    {
        var (parameters, messages) = ParseSource("a = f'{x}'\nb = b'raw'\nc = '\\N{BULLET}'\nd = 1j");
        parameters.Count.ShouldBe(4);
        parameters.ShouldAllBe(p => !p.HasDefault);
        messages.Select(m => m.Code).ShouldBe(["NB2002", "NB2002", "NB2002", "NB2002"]);
    }

    [Fact]
    public void Other_languages_warn_and_give_an_empty_schema()
    {
        var doc = NotebookReader.Parse("""{"cells":[{"cell_type":"code","metadata":{"tags":["parameters"]},"source":"x <- 1","outputs":[],"execution_count":null}],"metadata":{"kernelspec":{"name":"ir","display_name":"R","language":"R"}},"nbformat":4,"nbformat_minor":4}""");
        var (schema, diagnostics) = ParameterSchemaParser.Parse(doc);
        schema.Parameters.ShouldBeEmpty();
        diagnostics.Single().Code.ShouldBe("NB2001");
        diagnostics.Single().Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void Notebook_without_parameters_cell_has_an_empty_schema()
    {
        var (schema, diagnostics) = ParameterSchemaParser.Parse(NotebookReader.Read(TestPaths.CorpusFile("papermill/no_parameters.ipynb")));
        schema.Parameters.ShouldBeEmpty();
        schema.CellIndex.ShouldBeNull();
        diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_first_parameters_cell_counts()
    {
        var doc = NotebookReader.Parse("""{"cells":[{"cell_type":"code","metadata":{"tags":["parameters"]},"source":"x = 1","outputs":[],"execution_count":null},{"cell_type":"code","metadata":{"tags":["parameters"]},"source":"y = 1","outputs":[],"execution_count":null}],"metadata":{},"nbformat":4,"nbformat_minor":4}""");
        var (schema, diagnostics) = ParameterSchemaParser.Parse(doc);
        schema.Parameters.Single().Name.ShouldBe("x");
        diagnostics.Single().Code.ShouldBe("NB2007");
    }
}
