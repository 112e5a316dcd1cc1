using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

/// <summary>
/// nbclient's own conformance check (tests/test_client.py, test_run_all_notebooks): execute a copy of each
/// corpus notebook with its stored outputs removed, then compare outputs and execution counts with the stored
/// ones after the same normalisation nbclient applies.
/// </summary>
public sealed partial class CorpusConformanceTests
{
    /// <summary>A corpus notebook to run: options and the outcome nbclient's tests expect.</summary>
    public sealed record Case(string File, ExecutionStatus Expected, bool AllowErrors = false, string? ErrorName = null, bool CompareOutputs = true);

    public static readonly Case[] Runnable =
    [
        new("Check History in Memory.ipynb", ExecutionStatus.Ok),
        new("Clear Output.ipynb", ExecutionStatus.Ok),
        new("Empty Cell.ipynb", ExecutionStatus.Ok),
        new("Error.ipynb", ExecutionStatus.CellError, ErrorName: "ZeroDivisionError"),
        new("Factorials.ipynb", ExecutionStatus.Ok),
        new("HelloWorld.ipynb", ExecutionStatus.Ok),
        new("Inline Image.ipynb", ExecutionStatus.Ok),
        new("SVG.ipynb", ExecutionStatus.Ok),
        new("Skip Exceptions with Cell Tags.ipynb", ExecutionStatus.Ok),
        new("Skip Exceptions.ipynb", ExecutionStatus.Ok, AllowErrors: true),
        new("Skip Execution with Cell Tag.ipynb", ExecutionStatus.Ok),
        new("Unicode.ipynb", ExecutionStatus.Ok),
        new("UnicodePy3.ipynb", ExecutionStatus.Ok),
        new("update-display-id.ipynb", ExecutionStatus.Ok),
        // The kernel SIGTERMs itself: nbclient raises DeadKernelError (test_kernel_death_during_execution).
        new("Autokill.ipynb", ExecutionStatus.KernelDied),
        // input() with allow_stdin false (nbclient's test_disable_stdin); the file stores no outputs to compare.
        new("Disable Stdin.ipynb", ExecutionStatus.CellError, ErrorName: "StdinNotImplementedError", CompareOutputs: false),
    ];

    /// <summary>Corpus notebooks not run by the theory, each with the reason (explicit data, not silent skipping).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotRun = new Dictionary<string, string>
    {
        ["Interrupt.ipynb"] = "needs nbclient's interrupt_on_timeout-then-continue; here a cell timeout ends the run (covered by NotebookExecutorTests.CellTimeout_InterruptsTheKernelAndReportsTimeout)",
        ["JupyterWidgets.ipynb"] = "needs ipywidgets, not installed for /usr/bin/python3, and a widget state manager",
        ["Output.ipynb"] = "needs ipywidgets and nbclient's Output-widget capture, which this executor does not implement",
        ["Other Comms.ipynb"] = "needs the 'comm' package, which Debian's ipykernel 6.17 does not ship",
        ["Parallel Execute A.ipynb"] = "run in pairs by ParallelNotebooks_RunOnIndependentKernels",
        ["Parallel Execute B.ipynb"] = "run in pairs by ParallelNotebooks_RunOnIndependentKernels",
        ["Sleep1s.ipynb"] = "its outputs are wall-clock timestamps; nbclient uses it only for timing metadata",
    };

    public static TheoryData<string> RunnableFiles => new(Runnable.Select(c => c.File));

    [Fact]
    public void EveryCorpusNotebook_IsRunOrHasAReason()
    {
        var files = Directory.GetFiles(TestEnvironment.CorpusDirectory("nbclient"), "*.ipynb").Select(Path.GetFileName).Order().ToArray();
        files.ShouldNotBeEmpty();
        files.ShouldBe(Runnable.Select(c => c.File).Concat(NotRun.Keys).Order().ToArray()!);
    }

    [Theory]
    [MemberData(nameof(RunnableFiles))]
    public async Task CorpusNotebook_ProducesTheStoredOutputs(string file)
    {
        var spec = TestEnvironment.PythonKernel();
        var testCase = Runnable.Single(c => c.File == file);
        var folder = CopyCorpus();
        try
        {
            var expected = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file)))!;
            var notebook = (JsonObject)expected.DeepClone();
            foreach (var cell in ((JsonArray)notebook["cells"]!).OfType<JsonObject>())
            {
                cell.Remove("execution_count");
                if (cell["cell_type"]!.ToString() == "code")
                {
                    cell["outputs"] = new JsonArray();
                }
            }

            var result = await new NotebookExecutor().ExecuteAsync(notebook, new ExecutionOptions
            {
                KernelName = spec.Name,
                AllowErrors = testCase.AllowErrors,
                CellTimeout = TimeSpan.FromSeconds(30),
                WorkingDirectory = folder,
                // As nbclient's run_notebook: a fixed terminal size standardises traceback layout.
                Environment = new Dictionary<string, string?> { ["COLUMNS"] = "80", ["LINES"] = "24" },
            }, CancellationToken.None);

            result.Status.ShouldBe(testCase.Expected, result.Diagnostic?.ToString());
            if (testCase.ErrorName is not null)
            {
                result.ErrorName.ShouldBe(testCase.ErrorName);
            }

            if (testCase.CompareOutputs)
            {
                AssertNotebooksEqual(expected, notebook, compareCounts: testCase.Expected != ExecutionStatus.KernelDied);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ParallelNotebooks_RunOnIndependentKernels()
    {
        TestEnvironment.PythonKernel();
        var folder = CopyCorpus();
        try
        {
            // Each notebook waits (5 s at most) for a file the other writes: run one after the other, they fail.
            var options = new ExecutionOptions
            {
                KernelName = "python3",
                CellTimeout = TimeSpan.FromSeconds(30),
                Environment = new Dictionary<string, string?> { ["NBEXECUTE_TEST_PARALLEL_TMPDIR"] = folder },
            };
            var runs = new[] { "A", "B" }.Select(label => Task.Run(() => new NotebookExecutor().ExecuteAsync(
                (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"Parallel Execute {label}.ipynb")))!, options, CancellationToken.None)));

            var results = await Task.WhenAll(runs);

            results.Select(r => r.Status).ShouldBe([ExecutionStatus.Ok, ExecutionStatus.Ok], string.Join("; ", results.Select(r => r.Diagnostic?.ToString())));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyCorpus()
    {
        var folder = TestEnvironment.CreateTempDirectory();
        foreach (var source in Directory.GetFiles(TestEnvironment.CorpusDirectory("nbclient")))
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }

        return folder;
    }

    /// <summary>nbclient's <c>assert_notebooks_equal</c>: same cell count, normalised outputs and execution counts equal.</summary>
    private static void AssertNotebooksEqual(JsonObject expected, JsonObject actual, bool compareCounts)
    {
        var expectedCells = (JsonArray)expected["cells"]!;
        var actualCells = (JsonArray)actual["cells"]!;
        actualCells.Count.ShouldBe(expectedCells.Count);
        for (var i = 0; i < expectedCells.Count; i++)
        {
            var want = new JsonArray(((expectedCells[i]!["outputs"] as JsonArray) ?? []).Select(o => (JsonNode?)Normalize((JsonObject)o!)).ToArray());
            var got = new JsonArray(((actualCells[i]!["outputs"] as JsonArray) ?? []).Select(o => (JsonNode?)Normalize((JsonObject)o!)).ToArray());
            JsonNode.DeepEquals(want, got).ShouldBeTrue($"cell {i} outputs differ.\nexpected: {want.ToJsonString()}\nactual:   {got.ToJsonString()}");
            if (compareCounts)
            {
                actualCells[i]!["execution_count"]?.ToJsonString().ShouldBe(expectedCells[i]!["execution_count"]?.ToJsonString(), $"cell {i} execution_count");
            }
        }
    }

    /// <summary>
    /// nbclient's <c>normalize_output</c>: drop metadata, mask memory addresses, parse SVG, canonical base64,
    /// strip ANSI from tracebacks. Tracebacks keep only their first and last lines: the frame lines in between
    /// are rendered differently by each IPython release (nbclient's regexes cover only the header line).
    /// </summary>
    private static JsonObject Normalize(JsonObject output)
    {
        var result = (JsonObject)output.DeepClone();
        result.Remove("metadata");
        if (result["text"] is { } text)
        {
            result["text"] = Address().Replace(Join(text), "<HEXADDR>");
        }

        if (result["data"] is JsonObject data)
        {
            foreach (var key in data.Select(p => p.Key).ToArray())
            {
                if (data[key] is JsonArray or JsonValue && key is not "application/json" && !key.EndsWith("+json", StringComparison.Ordinal))
                {
                    var value = Join(data[key]!);
                    data[key] = key switch
                    {
                        "text/plain" => Address().Replace(value, "<HEXADDR>"),
                        "image/svg+xml" => CanonicalXml(value),
                        _ => CanonicalBase64(value),
                    };
                }
            }
        }

        if (result["traceback"] is JsonArray traceback && traceback.Count > 0)
        {
            var lines = traceback.Select(l => Ansi().Replace(l!.ToString(), "")).ToArray();
            result["traceback"] = new JsonArray(lines[0], lines[^1]);
        }

        return result;
    }

    private static string Join(JsonNode node) => node is JsonArray lines ? string.Concat(lines.Select(l => l!.ToString())) : node.ToString();

    private static string CanonicalBase64(string value)
    {
        try
        {
            return Convert.ToBase64String(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    /// <summary>Like nbclient's xmltodict comparison: element names, sorted attributes, trimmed text.</summary>
    private static string CanonicalXml(string value)
    {
        static XElement Canonical(XElement e) => new(e.Name,
            e.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal),
            e.Elements().Select(Canonical),
            e.HasElements ? null : e.Value.Trim());
        return Canonical(XDocument.Parse(value).Root!).ToString(SaveOptions.DisableFormatting);
    }

    [GeneratedRegex("0x[0-9a-f]+")]
    private static partial Regex Address();

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
