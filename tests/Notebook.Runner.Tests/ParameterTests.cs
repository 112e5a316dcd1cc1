using System.Text;
using System.Text.Json.Nodes;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>Parameters from -p and --parameters-file, checked before anything runs and seen intact inside the kernel.</summary>
public sealed class ParameterTests : TempFolderTest
{
    private const string TypedParameters = """
        from typing import Literal, Optional
        count: int = 0
        ratio: float = 0.0
        flag: bool = False
        label: str = ""
        maybe: Optional[int] = 5
        items: list = []
        mode: Literal["fast", "slow"] = "fast"
        code: str = ""
        """;

    /// <summary>Values no rendering may break: quotes, backslashes, line breaks, NUL, non-BMP text, code.</summary>
    public static readonly string[] Adversarial =
    [
        "it's \"quoted\"",
        "C:\\new\\table\\",
        "line1\nline2\r\nline3\r",
        "a\0b",
        "😀 𝄞 emoji",
        "\"\"\"'''",
        "\"); import os; os._exit(3) #",
        "{__import__('os').system('echo pwned')}",
        "\\x41\\u0041\\N{BULLET}\\",
        "\u2028\u0085\t\v\f end",
        "",
    ];

    [Fact]
    public async Task Adversarial_values_from_the_command_line_reach_the_kernel_unchanged()
    {
        // argv cannot carry NUL: that value goes through the parameters file test.
        var values = Adversarial.Where(v => !v.Contains('\0')).ToArray();
        var dir = WriteEchoNotebook(values.Length);

        var args = new List<string> { "nb.ipynb" };
        for (var i = 0; i < values.Length; i++) args.AddRange(["-p", $"s{i}={values[i]}"]);
        var result = await RunnerProcess.RunAsync(dir, [.. args]);

        result.ExitCode.ShouldBe(0, result.ToString());
        SeenInKernel(dir).ShouldBe(values.Select(Hex).ToArray());
    }

    [Fact]
    public async Task Adversarial_values_from_a_json_file_reach_the_kernel_unchanged()
    {
        var dir = WriteEchoNotebook(Adversarial.Length);
        var file = new JsonObject();
        for (var i = 0; i < Adversarial.Length; i++) file[$"s{i}"] = Adversarial[i];
        File.WriteAllText(Path.Combine(dir, "values.json"), file.ToJsonString());

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--parameters-file", "values.json");

        result.ExitCode.ShouldBe(0, result.ToString());
        SeenInKernel(dir).ShouldBe(Adversarial.Select(Hex).ToArray());
    }

    [Theory]
    [InlineData("values.yaml", """
        # YAML: plain scalars are typed, quoted ones stay strings
        count: 42
        ratio: 2.5
        flag: true
        label: "007"
        maybe: ~
        items: [1, two, 3.5, null, 'null']
        mode: slow
        code: '0x1F'
        """)]
    [InlineData("values.json", """
        {"count": 42, "ratio": 2.5, "flag": true, "label": "007", "maybe": null,
         "items": [1, "two", 3.5, null, "null"], "mode": "slow", "code": "0x1F"}
        """)]
    public async Task A_parameters_file_gives_typed_values(string fileName, string content)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code(TypedParameters, "parameters"),
            Code("print(repr((count, ratio, flag, label, maybe, items, mode, code)))"));
        File.WriteAllText(Path.Combine(dir, fileName), content);

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--parameters-file", fileName, "-p", "count=7");

        result.ExitCode.ShouldBe(0, result.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 2)
            .ShouldBe("(7, 2.5, True, '007', None, [1, 'two', 3.5, None, 'null'], 'slow', '0x1F')\n");
    }

    [Fact]
    public async Task Every_parameter_error_is_reported_with_the_accepted_names_and_nothing_runs()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code(TypedParameters, "parameters"), Code("open('ran', 'w').close()"));
        File.WriteAllText(Path.Combine(dir, "values.yaml"), "flag: maybe\n");

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--parameters-file", "values.yaml",
            "-p", "nope=1", "-p", "count=1.5", "-p", "mode=medium");

        result.ExitCode.ShouldBe(2, result.ToString());
        var lines = result.StandardError.Split('\n');
        lines.Count(l => l.Contains("NB2021")).ShouldBe(2, result.ToString());
        var unknown = lines.Single(l => l.Contains("NB2020"));
        foreach (var name in new[] { "count", "ratio", "flag", "label", "maybe", "items", "mode", "code" }) unknown.ShouldContain(name);
        lines.Single(l => l.Contains("NB2022")).ShouldContain("medium");
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();
        File.Exists(Path.Combine(dir, "ran")).ShouldBeFalse();
    }

    [Fact]
    public async Task List_parameters_as_json_prints_the_schema_without_starting_a_kernel()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code(TypedParameters, "parameters"), Code("open('ran', 'w').close()"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--list-parameters", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var schema = JsonNode.Parse(result.StandardOutput)!.AsObject();
        var properties = schema["properties"]!.AsObject();
        properties.Select(p => p.Key).ShouldBe(["count", "ratio", "flag", "label", "maybe", "items", "mode", "code"]);
        properties["count"]!["type"]!.GetValue<string>().ShouldBe("integer");
        properties["mode"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["fast", "slow"]);
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();

        var table = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--list-parameters");
        table.ExitCode.ShouldBe(0, table.ToString());
        var modeRow = table.StandardOutput.Split('\n').Single(l => l.StartsWith("mode ", StringComparison.Ordinal));
        modeRow.ShouldContain("\"fast\", \"slow\"");
    }

    [Fact]
    public async Task The_schema_file_beside_the_notebook_is_used_when_present()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("in_cell = 1", "parameters"));
        File.WriteAllText(Path.Combine(dir, "nb.parameters.json"), """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"from_schema_file": {"type": "integer", "default": 3}}, "additionalProperties": false,
             "x-notebook": {"language": "python", "cell": 0}}
            """);

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--list-parameters", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        JsonNode.Parse(result.StandardOutput)!["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["from_schema_file"]);
    }

    [Fact]
    public async Task A_sweep_set_is_picked_by_JOB_COMPLETION_INDEX_as_in_an_Indexed_Job_and_other_sources_override_it()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code(TypedParameters, "parameters"), Code("print(repr((count, label)))"));
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), "- {count: 1, label: one}\n- {count: 2, label: two}\n- {count: 3, label: three}\n");

        var byIndex = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" }, "nb.ipynb", "--sweep", "sweep.yaml", "-p", "label=cli");

        byIndex.ExitCode.ShouldBe(0, byIndex.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 2).ShouldBe("(3, 'cli')\n");

        // --sweep-index wins over the variable.
        var explicitIndex = await RunnerProcess.RunAsync(dir, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" }, "nb.ipynb", "--sweep", "sweep.yaml", "--sweep-index", "0");
        explicitIndex.ExitCode.ShouldBe(0, explicitIndex.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 2).ShouldBe("(1, 'one')\n");
    }

    [Theory]
    [InlineData(null, "NB5290")]
    [InlineData("3", "NB6033")]
    [InlineData("two", "NB5294")]
    public async Task A_sweep_without_a_usable_index_exits_2_before_anything_runs(string? index, string code)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code(TypedParameters, "parameters"), Code("open('ran', 'w').close()"));
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), "- {count: 1}\n- {count: 2}\n- {count: 3}\n");
        var environment = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = index ?? "" };

        var result = await RunnerProcess.RunAsync(dir, environment, "nb.ipynb", "--sweep", "sweep.yaml");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain(code);
        File.Exists(Path.Combine(dir, "ran")).ShouldBeFalse();
    }

    private string WriteEchoNotebook(int count)
    {
        var dir = NewTempDirectory();
        var parameters = string.Join("\n", Enumerable.Range(0, count).Select(i => $"s{i}: str = \"\""));
        var echo = $"for _i in range({count}):\n    print('HEX', globals()[f's{{_i}}'].encode('utf-8').hex())";
        Write(dir, "nb.ipynb", Code(parameters, "parameters"), Code(echo));
        return dir;
    }

    private static string[] SeenInKernel(string dir) =>
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 2)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.StartsWith("HEX ", StringComparison.Ordinal) ? l[4..] : "?" + l)
            .ToArray();

    private static string Hex(string value) => Convert.ToHexString(Encoding.UTF8.GetBytes(value)).ToLowerInvariant();
}
