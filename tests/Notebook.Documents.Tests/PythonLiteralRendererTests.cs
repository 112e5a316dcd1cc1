using System.Text;
using System.Text.Json.Nodes;

namespace Notebook.Documents.Tests;

public class PythonLiteralRendererTests
{
    public static readonly string[] Adversarial =
    [
        "",
        "plain",
        "double \" quote",
        "single ' quote",
        "back\\slash",
        "trailing backslash \\",
        "\\\"",
        "new\nline",
        "carriage\rreturn",
        "crlf\r\n",
        "tab\t",
        "nul\0byte",
        "bell\a vt\v ff\f esc\u001b del\u007f c1\u0085\u009f",
        "\"\"\" triple double",
        "''' triple single",
        "\\N{BULLET} looks like an escape",
        "\\x41 \\u0041 \\U00000041 \\n",
        "emoji 😀 and 𝄞",
        "line sep \u2028 para sep \u2029 bom \ufeff",
        "lone \ud800 surrogate",
        "lone low \udc00 surrogate",
        "\"; import os; os.system('x') #",
        "'); import os #",
        "\n__import__('os').system('x')\n",
        "{x} %s {{}} f-string-ish",
        "é ñ 中文 עברית",
        new string('a', 100_000) + "\"" + new string('\\', 1001),
    ];

    [Fact]
    public async Task Adversarial_strings_reach_python_unchanged()
    {
        var script = new StringBuilder(Python.CanonicalFunction).Append("values = []\n");
        foreach (var value in Adversarial)
            script.Append("values.append(").Append(PythonLiteralRenderer.Instance.Render(JsonValue.Create(value))).Append(")\n");
        script.Append("print(json.dumps(canonical(values)))\n");
        var output = await Python.RunAsync(script.ToString());
        var seen = JsonNode.Parse(output)!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        seen.Count.ShouldBe(Adversarial.Length);
        for (var i = 0; i < Adversarial.Length; i++)
            seen[i].ShouldBe(Python.Hex(Adversarial[i]), $"value {i}");
    }

    [Fact]
    public void Rendered_strings_are_one_line_ascii_safe_literals()
    {
        foreach (var value in Adversarial)
        {
            var literal = PythonLiteralRenderer.Instance.Render(JsonValue.Create(value));
            literal.ShouldNotContain('\n');
            literal.ShouldNotContain('\r');
            literal.ShouldStartWith("\"");
            literal.ShouldEndWith("\"");
        }
    }

    [Fact]
    public async Task Other_values_reach_python_unchanged()
    {
        var values = JsonNode.Parse("""
            [0, -1, 123456789012345678901234567890, 1.5, -0.25, 1e+100, 1e-7, 0.1, 123456789.125, true, false, null,
             [1, "a", [null]], {"k\"ey": {"nested": [1.0, 2]}, "": "empty key"}, [], {}]
            """)!.AsArray();
        var script = new StringBuilder("import json\nvalues = [\n");
        foreach (var value in values) script.Append(PythonLiteralRenderer.Instance.Render(value)).Append(",\n");
        script.Append("]\nprint(json.dumps(values))\nprint(json.dumps([type(v).__name__ for v in values]))\n");
        var lines = (await Python.RunAsync(script.ToString())).Split('\n');
        var seen = JsonNode.Parse(lines[0])!.AsArray();
        for (var i = 0; i < values.Count; i++) JsonNode.DeepEquals(seen[i], values[i]).ShouldBeTrue($"value {i}: {seen[i]?.ToJsonString()} vs {values[i]?.ToJsonString()}");
        JsonNode.Parse(lines[1])!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(
            ["int", "int", "int", "float", "float", "float", "float", "float", "float", "bool", "bool", "NoneType", "list", "dict", "list", "dict"]);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(double.PositiveInfinity, "float('inf')")]
    [InlineData(double.NaN, "float('nan')")]
    public void Floats_are_written_like_python_repr(double value, string expected)
    {
        PythonLiteralRenderer.Instance.Render(JsonValue.Create(value)).ShouldBe(expected);
    }

    [Fact]
    public async Task Float_repr_matches_python_for_many_values()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 300).Select(i => i switch
        {
            < 100 => random.NextDouble() * Math.Pow(10, random.Next(-30, 30)),
            < 200 => Math.Round(random.NextDouble() * 1000, random.Next(0, 6)),
            _ => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEFFFFFFFFFFFFF)),
        }).ToList();
        var script = new StringBuilder("import struct\n");
        foreach (var v in values) script.Append("print(repr(struct.unpack('<d', bytes.fromhex('").Append(Convert.ToHexString(BitConverter.GetBytes(v))).Append("'))[0]))\n");
        var expected = (await Python.RunAsync(script.ToString())).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        values.Select(JsonNumbers.PythonFloatRepr).ShouldBe(expected);
    }

    [Fact]
    public void Renderers_are_found_by_language()
    {
        LiteralRenderers.For("python").ShouldBeSameAs(PythonLiteralRenderer.Instance);
        LiteralRenderers.For("Python3").ShouldBeSameAs(PythonLiteralRenderer.Instance);
        LiteralRenderers.For("R").ShouldBeNull();
    }
}
