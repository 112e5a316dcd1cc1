using System.Text.Json.Nodes;
using Notebook.Documents.CSharp;

namespace Notebook.Documents.CSharp.Tests;

public class CSharpParametersCellParserTests
{
    private static (IReadOnlyList<ParameterDefinition> Parameters, List<(string Code, int Line)> Messages) Parse(string source)
    {
        var messages = new List<(string, int)>();
        var parameters = CSharpParametersCellParser.Instance.ParseSource(source, (d, line, _) => messages.Add((d.Code, line)));
        return (parameters, messages);
    }

    private static ParameterDefinition One(string source)
    {
        var (parameters, messages) = Parse(source);
        messages.ShouldBeEmpty(string.Join(", ", messages));
        return parameters.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("string x = \"north\";", "string", "Str", "\"north\"")]
    [InlineData("string x = @\"C:\\new\";", "string", "Str", "\"C:\\\\new\"")]
    [InlineData("string x = \"\"\"raw \"q\" \"\"\";", "string", "Str", "\"raw \\u0022q\\u0022 \"")]
    [InlineData("string x = \"a\\u00e9\\n\";", "string", "Str", "\"a\\u00E9\\n\"")]
    [InlineData("bool x = false;", "bool", "Bool", "false")]
    [InlineData("int x = 5;", "int", "Int", "5")]
    [InlineData("int x = -2147483648;", "int", "Int", "-2147483648")]
    [InlineData("long x = 5;", "long", "Int", "5")]
    [InlineData("long x = 9000000000L;", "long", "Int", "9000000000")]
    [InlineData("double x = 0.25;", "double", "Float", "0.25")]
    [InlineData("double x = 2;", "double", "Float", "2.0")]
    [InlineData("double x = -1e100;", "double", "Float", "-1e+100")]
    [InlineData("decimal x = 0.1m;", "decimal", "Float", "0.1")]
    [InlineData("decimal x = 3;", "decimal", "Float", "3.0")]
    [InlineData("int? x = null;", "int?", "Int", "null")]
    [InlineData("double? x = 1.5;", "double?", "Float", "1.5")]
    [InlineData("string? x = null;", "string?", "Str", "null")]
    [InlineData("System.Int64 x = 7;", "long", "Int", "7")]
    [InlineData("String x = \"s\";", "string", "Str", "\"s\"")]
    [InlineData("string[] x = new[] {\"a\", \"b\"};", "string[]", "List", "[\"a\",\"b\"]")]
    [InlineData("string[] x = new string[] {\"a\"};", "string[]", "List", "[\"a\"]")]
    [InlineData("string[] x = new string[0];", "string[]", "List", "[]")]
    [InlineData("int[] x = [1, 2, 3];", "int[]", "List", "[1,2,3]")]
    [InlineData("double[] x = new double[] { 1, 2.5 };", "double[]", "List", "[1.0,2.5]")]
    [InlineData("var x = \"x\";", "string", "Str", "\"x\"")]
    [InlineData("var x = 5;", "int", "Int", "5")]
    [InlineData("var x = 5L;", "long", "Int", "5")]
    [InlineData("var x = 0.5;", "double", "Float", "0.5")]
    [InlineData("var x = 0.5m;", "decimal", "Float", "0.5")]
    [InlineData("var x = true;", "bool", "Bool", "true")]
    [InlineData("var x = new[] {\"a\"};", "string[]", "List", "[\"a\"]")]
    [InlineData("var x = new[] { 1, 2.5 };", "double[]", "List", "[1.0,2.5]")]
    [InlineData("int x;", "int", "Int", null)]
    public void A_literal_field_is_a_typed_parameter(string source, string native, string kind, string? json)
    {
        var p = One(source);
        p.Name.ShouldBe("x");
        p.NativeType.ShouldBe(native);
        p.Type.Kind.ToString().ShouldBe(kind);
        p.Line.ShouldBe(1);
        if (json is null)
        {
            p.HasDefault.ShouldBeFalse();
            return;
        }
        p.HasDefault.ShouldBeTrue();
        (p.Default?.ToJsonString() ?? "null").ShouldBe(json);
    }

    [Fact]
    public void Nullable_forms_accept_null_and_arrays_carry_their_item_type()
    {
        One("int? x = 1;").Type.AcceptsNull.ShouldBeTrue();
        One("int x = 1;").Type.AcceptsNull.ShouldBeFalse();
        One("string s = null;").Type.AcceptsNull.ShouldBeTrue();
        var list = One("long?[] x = new long?[] { 1, null };");
        list.Type.ItemType!.Kind.ShouldBe(ParameterKind.Int);
        list.Type.ItemType.AcceptsNull.ShouldBeTrue();
    }

    [Theory]
    [InlineData("DateTime start = DateTime.Now;", "NB2100")]
    [InlineData("int x = 2 + 3;", "NB2100")]
    [InlineData("string s = $\"a{1}\";", "NB2100")]
    [InlineData("int x = Compute();", "NB2100")]
    [InlineData("const int x = 5;", "NB2101")]
    [InlineData("DateTime start;", "NB2102")]
    [InlineData("float x = 1;", "NB2102")]
    [InlineData("var x = 3000000000;", "NB2102")] // a uint, as C# types it
    [InlineData("var c = 'c';", "NB2102")]
    [InlineData("List<string> xs = null;", "NB2102")]
    [InlineData("int[][] x = null;", "NB2102")]
    [InlineData("decimal x = 0.5;", "NB2104")]
    [InlineData("int x = 5L;", "NB2104")]
    [InlineData("int x = 3000000000;", "NB2104")]
    [InlineData("int x = null;", "NB2104")]
    [InlineData("string s = 5;", "NB2104")]
    [InlineData("double[] x = new int[] { 1 };", "NB2104")]
    [InlineData("string[] x = new[] { 1 };", "NB2104")]
    public void A_field_that_cannot_be_injected_is_a_warning_and_no_parameter(string source, string code)
    {
        var (parameters, messages) = Parse("int before = 1;\n" + source);
        parameters.Select(p => p.Name).ShouldBe(["before"]);
        messages.ShouldBe([(code, 2)]);
    }

    [Fact]
    public void The_issue_example_gives_names_types_and_defaults()
    {
        var (parameters, messages) = Parse("""
            string region = "north"; int topN = 5; double ratio = 0.25; bool verbose = false;
            string[] regions = new[] {"a"}; var label = "x";
            var started = DateTime.Now;
            const int Limit = 3;
            """);
        parameters.Select(p => $"{p.Name}:{p.NativeType}={p.Default?.ToJsonString()}").ShouldBe(
            ["region:string=\"north\"", "topN:int=5", "ratio:double=0.25", "verbose:bool=false", "regions:string[]=[\"a\"]", "label:string=\"x\""]);
        messages.ShouldBe([("NB2100", 3), ("NB2101", 4)]);
    }

    [Fact]
    public void Methods_statements_usings_and_kernel_directives_are_not_parameters()
    {
        var (parameters, messages) = Parse("""
            #r "nuget: Newtonsoft.Json, 13.0.3"
            #!about
            using System.Linq;
            int topN = 5;
            int Twice() => topN * 2;
            Console.WriteLine(Twice());
            class Helper { public int Field = 1; }
            """);
        messages.ShouldBeEmpty();
        var p = parameters.ShouldHaveSingleItem();
        p.Name.ShouldBe("topN");
        p.Line.ShouldBe(4);
    }

    [Fact]
    public void Several_declarators_are_several_parameters()
    {
        var (parameters, messages) = Parse("int a = 1, b = 2;\nint c = 3, d = a;");
        parameters.Select(p => p.Name).ShouldBe(["a", "b", "c"]);
        messages.ShouldBe([("NB2100", 2)]);
    }

    [Fact]
    public void Comments_describe_and_mark_secrets()
    {
        var (parameters, _) = Parse("""
            // The region to report on
            string region = "north";
            int topN = 5; // how many rows

            // not about token

            string token = ""; // secret: the API token
            """);
        parameters[0].Description.ShouldBe("The region to report on");
        parameters[1].Description.ShouldBe("how many rows");
        parameters[2].Description.ShouldBe("the API token");
        parameters[2].Secret.ShouldBeTrue();
        parameters[0].Secret.ShouldBeFalse();
    }

    [Fact]
    public void A_syntax_error_is_an_error_with_its_line()
    {
        var (parameters, messages) = Parse("int a = 1;\nint b = ;\n");
        parameters.ShouldBeEmpty();
        messages.ShouldBe([("NB2103", 2)]);
    }

    [Fact]
    public void A_name_declared_twice_is_an_error()
    {
        var (_, messages) = Parse("int a = 1;\nlong a = 2;");
        messages.ShouldBe([("NB2003", 2)]);
    }

    [Fact]
    public void A_CSharp_notebook_becomes_the_same_schema_model_and_file_as_a_Python_one()
    {
        var notebook = JsonNode.Parse("""
            {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                          "language_info": {"name": "C#"}},
             "cells": [
               {"cell_type": "code", "id": "a", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null,
                "source": ["string region = \"north\";\n", "decimal rate = 0.1m; // secret\n", "int? limit = null;\n", "var from = 1;"]}]}
            """)!.AsObject();
        var document = new NotebookDocument(notebook);
        var (schema, diagnostics) = ParameterSchemaParser.Parse(document, "report.ipynb", [CSharpParametersCellParser.Instance]);
        diagnostics.ShouldBeEmpty();
        schema.Language.ShouldBe("C#");
        schema.KernelName.ShouldBe(".net-csharp");
        var json = schema.ToJson();
        json.ShouldContain("\"x-type\": \"decimal\"");
        var back = ParameterSchema.FromJson(json);
        back.Parameters.Select(p => (p.Name, p.NativeType, p.Type, p.Secret, p.Default?.ToJsonString())).ShouldBe(
            schema.Parameters.Select(p => (p.Name, p.NativeType, p.Type, p.Secret, p.Default?.ToJsonString())));
        back.Find("from").ShouldNotBeNull(); // a C# name that is a Python keyword
        back.ToJson().ShouldBe(json);
    }

    [Fact]
    public void Without_the_CSharp_parser_a_CSharp_notebook_has_no_parameters_and_a_warning()
    {
        var document = new NotebookDocument(JsonNode.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "C#", "name": ".net-csharp"}},
             "cells": [{"cell_type": "code", "id": "a", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null, "source": "int a = 1;"}]}
            """)!.AsObject());
        var (schema, diagnostics) = ParameterSchemaParser.Parse(document, "x.ipynb");
        schema.Parameters.ShouldBeEmpty();
        diagnostics.Select(d => d.Code).ShouldBe(["NB2001"]);
    }

    [Fact]
    public void A_parameters_cell_of_another_subkernel_is_not_read_as_CSharp()
    {
        var document = new NotebookDocument(JsonNode.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "C#", "name": ".net-csharp"}},
             "cells": [{"cell_type": "code", "id": "a", "metadata": {"tags": ["parameters"], "polyglot_notebook": {"kernelName": "fsharp"}},
                        "outputs": [], "execution_count": null, "source": "let a = 1"}]}
            """)!.AsObject());
        var (schema, diagnostics) = ParameterSchemaParser.Parse(document, "x.ipynb", [CSharpParametersCellParser.Instance]);
        schema.Parameters.ShouldBeEmpty();
        diagnostics.Select(d => d.Code).ShouldBe(["NB2001"]);
    }
}
