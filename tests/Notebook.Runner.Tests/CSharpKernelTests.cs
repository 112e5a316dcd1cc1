using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Documents;
using Notebook.Documents.CSharp;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Runner.Tests;

/// <summary>C# notebooks through nbrun and the real .NET Interactive kernel: injected values, and per-cell languages.</summary>
public sealed class CSharpKernelTests(DotnetInteractive kernel) : TempFolderTest, IClassFixture<DotnetInteractive>
{
    // The nine hostile strings of issue 15, and papermill's \x bug ("é1" arriving as U+0E91).
    private static readonly string[] Hostile =
    [
        "\"; System.Environment.Exit(3); //",
        "C:\\new\\table\\",
        "line1\u2028line2\u2029line3\r\nline4",
        "a\0b",
        "\"\"\"raw\"\"\"",
        "{x} {{y}} $\"{z}\"",
        "\u202Eevil\uFEFF\u200F",
        "x\n#!pwsh\nGet-Process",
        "\n#r \"nuget: Newtonsoft.Json, 13.0.3\"\n",
        "é1",
    ];

    private static string Hex(string s) => string.Concat(s.Select(c => ((int)c).ToString("X4")));

    internal static string WriteNotebook(string folder, params JsonObject[] cells)
    {
        var path = Notebooks.Write(folder, "nb.ipynb", cells);
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        notebook["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "C#" },
        };
        File.WriteAllText(path, notebook.ToJsonString());
        // What the build writes beside the notebook (CheckNotebooks), so the runner knows the C# types.
        var (schema, diagnostics) = ParameterSchemaParser.Parse(NotebookReader.Read(path), path, [CSharpParametersCellParser.Instance]);
        diagnostics.ShouldBeEmpty();
        File.WriteAllText(NotebookLocator.SchemaPathFor(path), schema.ToJson());
        return path;
    }

    [Fact]
    public async Task Hostile_strings_arrive_unchanged_and_methods_of_the_parameters_cell_see_the_new_values()
    {
        var dir = NewTempDirectory();
        var declarations = string.Join("\n", Hostile.Select((_, i) => $"string s{i} = \"\";"));
        var names = string.Join(", ", Hostile.Select((_, i) => $"s{i}"));
        WriteNotebook(dir,
            Notebooks.Code(declarations + "\nint topN = 5;\nint Twice() => topN * 2;\nstring token = \"\"; // secret", "parameters"),
            Notebooks.Code($"Console.WriteLine(string.Join(\",\", new[] {{ {names} }}.Select(v => string.Concat(v.Select(c => ((int)c).ToString(\"X4\"))))) + \";\" + Twice());"),
            Notebooks.Code("Console.WriteLine(token.Length + \" \" + (token == \"s3cr3t-\" + \"value\") + \" \" + (Environment.GetEnvironmentVariable(\"NBRUN_SECRET_token\") is null));"));
        var values = new JsonObject();
        for (var i = 0; i < Hostile.Length; i++) values[$"s{i}"] = Hostile[i];
        File.WriteAllText(Path.Combine(dir, "values.json"), values.ToJsonString());

        var result = await RunnerProcess.RunAsync(dir, kernel.Environment, "nb.ipynb", "--parameters-file", "values.json", "-p", "topN=7", "-p", "token=s3cr3t-value");

        result.ExitCode.ShouldBe(0, result.ToString());
        var executed = RunOutputs.In(Path.Combine(dir, "output")).Notebook;
        Notebooks.StreamText(executed, 2).ShouldBe(string.Join(",", Hostile.Select(Hex)) + ";14\n");
        var injected = executed.Cells.ElementAt(1);
        injected.HasTag(ParameterInjector.InjectedTag).ShouldBeTrue();
        injected.Source.ShouldContain("\ntopN = 7;\n");
        // Assignments, never declarations: a "var" line would hide the field from the method above.
        injected.Source.Split('\n').ShouldAllBe(line => !line.StartsWith("var ") && !line.StartsWith("string "));
        // The secret arrives through the kernel's environment, which it then leaves; no output holds it.
        Notebooks.StreamText(executed, 3).ShouldBe("12 True True\n");
        File.ReadAllText(RunOutputs.In(Path.Combine(dir, "output")).NotebookPath).ShouldNotContain("s3cr3t-value");
        result.StandardError.ShouldNotContain("s3cr3t-value");
    }

    [Fact]
    public async Task Values_are_checked_against_the_CSharp_type_before_anything_runs()
    {
        var dir = NewTempDirectory();
        WriteNotebook(dir, Notebooks.Code("int topN = 5;", "parameters"), Notebooks.Code("Console.WriteLine(topN);"));

        var result = await RunnerProcess.RunAsync(dir, kernel.Environment, "nb.ipynb", "-p", "topN=3000000000");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldContain("NB2021");
        Directory.Exists(Path.Combine(dir, "output")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_cell_with_another_language_runs_in_its_subkernel()
    {
        var dir = NewTempDirectory();
        var fsharp = Notebooks.Code("let total = List.sum [1; 2; 3]\nprintfn \"%d from %s\" total (string (total.GetType().Name))");
        fsharp["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "fsharp" } };
        var legacy = Notebooks.Code("printfn \"legacy %d\" (2 * 21)");
        legacy["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "fsharp" } };
        WriteNotebook(dir, Notebooks.Code("Console.WriteLine(\"csharp\");"), fsharp, legacy);

        var result = await RunnerProcess.RunAsync(dir, kernel.Environment, "nb.ipynb");

        result.ExitCode.ShouldBe(0, result.ToString());
        var executed = RunOutputs.In(Path.Combine(dir, "output")).Notebook;
        Notebooks.StreamText(executed, 1).ShouldBe("6 from Int32\n");
        Notebooks.StreamText(executed, 2).ShouldBe("legacy 42\n");
    }

    [Fact]
    public async Task The_kernels_probe_stays_in_the_notebook_and_is_left_out_of_the_report_and_the_log()
    {
        var dir = NewTempDirectory();
        WriteNotebook(dir, Notebooks.Code("Console.WriteLine(\"csharp\");"));

        var result = await RunnerProcess.RunAsync(dir, kernel.Environment, "nb.ipynb", "--log-output");

        result.ExitCode.ShouldBe(0, result.ToString());
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        // As papermill does, the executed notebook keeps every output as the kernel sent it.
        outputs.Notebook.Cells.Single().Outputs.ShouldContain(o => o["output_type"]!.GetValue<string>() == "display_data"
            && o["data"]!.ToJsonString().Contains("dotnet-interactive-this-cell-") && o["data"]!.ToJsonString().Contains("probeAddresses"));
        var report = File.ReadAllText(outputs.HtmlPath);
        report.ShouldNotContain("dotnet-interactive-this-cell");
        report.ShouldNotContain("The below script");
        report.ShouldContain("csharp");
        result.StandardOutput.ShouldBe("csharp\n");
    }

    [Fact]
    public async Task Without_its_schema_a_CSharp_notebook_runs_but_refuses_values()
    {
        var dir = NewTempDirectory();
        var path = WriteNotebook(dir, Notebooks.Code("int topN = 5;", "parameters"), Notebooks.Code("Console.WriteLine(topN);"));
        File.Delete(NotebookLocator.SchemaPathFor(path));

        var refused = await RunnerProcess.RunAsync(dir, kernel.Environment, "nb.ipynb", "-p", "topN=7");
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.StandardError.ShouldContain("NB2105");

        var ran = await RunnerProcess.RunAsync(dir, kernel.Environment, "nb.ipynb");
        ran.ExitCode.ShouldBe(0, ran.ToString());
        Notebooks.StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 1).ShouldBe("5\n");
    }
}
