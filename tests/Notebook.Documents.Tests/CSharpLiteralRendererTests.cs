using System.Text.Json.Nodes;

namespace Notebook.Documents.Tests;

public class CSharpLiteralRendererTests
{
    private static string Render(string json, string? type = null) =>
        CSharpLiteralRenderer.Instance.Render(JsonNode.Parse(json), type is null ? null : new ParameterDefinition("x", ParameterType.Any, null, false, null, 1) { NativeType = type });

    [Theory]
    [InlineData("\"north\"", "string", "\"north\"")]
    [InlineData("\"say \\\"hi\\\" \\\\ back\"", "string", "\"say \\\"hi\\\" \\\\ back\"")]
    [InlineData("\"\\u00e91\"", "string", "\"\\u00E91\"")] // é then 1: \u takes exactly four digits, unlike \x
    [InlineData("\"a\\nb\\u2028c\\u0000\"", "string", "\"a\\u000Ab\\u2028c\\u0000\"")]
    [InlineData("\"\\ud83d\\ude00\"", "string", "\"\\uD83D\\uDE00\"")]
    [InlineData("\"\\ufeff\\u202e\"", "string", "\"\\uFEFF\\u202E\"")]
    [InlineData("\"{x} \\\"\\\"\\\"\"", "string", "\"{x} \\\"\\\"\\\"\"")]
    [InlineData("true", "bool", "true")]
    [InlineData("7", "int", "7")]
    [InlineData("-9223372036854775808", "long", "-9223372036854775808")]
    [InlineData("2", "double", "2.0")]
    [InlineData("0.25", "double", "0.25")]
    [InlineData("1e+100", "double", "1E+100")]
    [InlineData("0.1", "decimal", "0.1m")]
    [InlineData("3", "decimal", "3m")]
    [InlineData("null", "int?", "null")]
    [InlineData("[\"a\", \"b\"]", "string[]", "new string[] { \"a\", \"b\" }")]
    [InlineData("[]", "int[]", "new int[] {}")]
    [InlineData("[1, null]", "long?[]", "new long?[] { 1, null }")]
    [InlineData("[1.5, 2]", "decimal[]", "new decimal[] { 1.5m, 2m }")]
    public void Values_become_literals_of_the_declared_type(string json, string type, string expected) =>
        Render(json, type).ShouldBe(expected);

    [Fact]
    public void A_string_literal_is_one_line_of_printable_ASCII_whatever_the_value()
    {
        var hostile = "\"; System.Environment.Exit(3); //\n#!pwsh\r\n#r \"nuget: Evil, 1.0\"\u2029\u0085\\\u0000é";
        var literal = Render(System.Text.Json.JsonSerializer.Serialize(hostile), "string");
        literal.ShouldAllBe(c => c >= ' ' && c <= '~');
        literal[0].ShouldBe('"');
        literal[^1].ShouldBe('"');
        // Every quote inside is escaped, so the literal ends only at its last character.
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] == '\\') i++;
            else literal[i].ShouldNotBe('"');
        }
    }

    [Fact]
    public void Injection_assigns_without_var_in_a_tagged_cell()
    {
        var document = new NotebookDocument(JsonNode.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "C#", "name": ".net-csharp"}},
             "cells": [{"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null, "source": "int topN = 5;"}]}
            """)!.AsObject());
        var schema = new ParameterSchema([new ParameterDefinition("topN", ParameterType.Int, JsonValue.Create(5), true, null, 1) { NativeType = "int" },
            new ParameterDefinition("rate", ParameterType.Float, JsonValue.Create(0.5), true, null, 2) { NativeType = "decimal" }], "C#", ".net-csharp", 0);
        ParameterInjector.Inject(document, [new BoundParameter("topN", JsonValue.Create(7)), new BoundParameter("rate", JsonNode.Parse("0.1"))], "C#", schema);
        var injected = document.Cells.ElementAt(1);
        injected.HasTag(ParameterInjector.InjectedTag).ShouldBeTrue();
        injected.Source.ShouldBe("// Parameters\ntopN = 7;\nrate = 0.1m;\n");
    }

    [Fact]
    public void CSharp_names_are_checked_as_CSharp()
    {
        CSharpLiteralRenderer.Instance.IsValidName("from").ShouldBeTrue();
        CSharpLiteralRenderer.Instance.IsValidName("class").ShouldBeFalse();
        LiteralRenderers.For("C#").ShouldBe(CSharpLiteralRenderer.Instance);
        LiteralRenderers.For(".net-csharp").ShouldBe(CSharpLiteralRenderer.Instance);
    }

    [Theory]
    [InlineData("int", "3000000000")]
    [InlineData("long", "9223372036854775808")]
    [InlineData("int[]", "[1, 3000000000]")]
    [InlineData("decimal", "1e40")]
    public void Values_outside_the_CSharp_type_are_refused_before_the_run(string type, string json) =>
        CSharpLanguage.CheckRange(type, JsonNode.Parse(json), "x").ShouldNotBeNull();
}
