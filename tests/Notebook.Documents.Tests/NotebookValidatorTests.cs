using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents.Tests;

public class NotebookValidatorTests
{
    /// <summary>
    /// Expected verdict for every notebook of the corpus: "" = no error (warnings allowed), else the code that must be
    /// reported. Cross-checked with Debian's python3-nbformat 5.5 (see <see cref="Verdicts_agree_with_python_nbformat"/>).
    /// </summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["nbclient/Autokill.ipynb"] = "",
        ["nbclient/Check History in Memory.ipynb"] = "",
        ["nbclient/Clear Output.ipynb"] = "",
        ["nbclient/Disable Stdin.ipynb"] = "",
        ["nbclient/Empty Cell.ipynb"] = "",
        ["nbclient/Error.ipynb"] = "",
        ["nbclient/Factorials.ipynb"] = "",
        ["nbclient/HelloWorld.ipynb"] = "",
        ["nbclient/Inline Image.ipynb"] = "",
        ["nbclient/Interrupt.ipynb"] = "",
        ["nbclient/JupyterWidgets.ipynb"] = "",
        ["nbclient/Other Comms.ipynb"] = "",
        // metadata.kernelspec is {} (no name/display_name): nbformat refuses it too.
        ["nbclient/Output.ipynb"] = "NB1020",
        ["nbclient/Parallel Execute A.ipynb"] = "",
        ["nbclient/Parallel Execute B.ipynb"] = "",
        ["nbclient/SVG.ipynb"] = "",
        ["nbclient/Skip Exceptions with Cell Tags.ipynb"] = "",
        ["nbclient/Skip Exceptions.ipynb"] = "",
        ["nbclient/Skip Execution with Cell Tag.ipynb"] = "",
        ["nbclient/Sleep1s.ipynb"] = "",
        ["nbclient/Unicode.ipynb"] = "",
        ["nbclient/UnicodePy3.ipynb"] = "",
        ["nbclient/update-display-id.ipynb"] = "",
        ["nbformat/invalid.ipynb"] = "NB1023", // a "heading" cell (and a cell without source, an unknown output type)
        ["nbformat/invalid_cell_id.ipynb"] = "NB1026",
        // nbformat.read repairs duplicate ids silently; validate(repair_duplicate_cell_ids=False) refuses them, as we do.
        ["nbformat/invalid_unique_cell_id.ipynb"] = "NB1027",
        ["nbformat/many_tracebacks.ipynb"] = "",
        ["nbformat/no_min_version.ipynb"] = "NB1020",
        ["nbformat/test2.ipynb"] = "NB1010",
        // A valid v3 notebook for nbformat, refused here: the SDK reads nbformat 4 only.
        ["nbformat/test3.ipynb"] = "NB1010",
        ["nbformat/test3_no_metadata.ipynb"] = "NB1010",
        ["nbformat/test3_no_min_version.ipynb"] = "NB1010",
        ["nbformat/test3_no_worksheets.ipynb"] = "NB1010",
        ["nbformat/test3_worksheet_with_no_cells.ipynb"] = "NB1010",
        ["nbformat/test4.5.ipynb"] = "",
        ["nbformat/test4.ipynb"] = "",
        ["nbformat/test4custom.ipynb"] = "",
        ["nbformat/test4docinfo.ipynb"] = "",
        ["nbformat/test4jupyter_metadata.ipynb"] = "",
        ["nbformat/test4jupyter_metadata_timings.ipynb"] = "",
        ["nbformat/test4plus.ipynb"] = "", // nbformat 4.99: NB1012 warning, checked as 4.5 with relaxed extra keys
        ["nbformat/v4_5_invalid_metadata.ipynb"] = "NB1021",
        ["nbformat/v4_5_no_cell_id.ipynb"] = "", // NB1028 warning, as nbformat only warns (MissingIDFieldWarning)
        ["papermill/binder.ipynb"] = "",
        ["papermill/blank-vscode.ipynb"] = "",
        // The "broken" notebooks fail when run, but are valid documents.
        ["papermill/broken.ipynb"] = "",
        ["papermill/broken1.ipynb"] = "",
        ["papermill/broken2.ipynb"] = "",
        ["papermill/complex_parameters.ipynb"] = "",
        ["papermill/gcs-simple_notebook.ipynb"] = "",
        ["papermill/keyboard_interrupt.ipynb"] = "",
        ["papermill/line_magic_error.ipynb"] = "",
        ["papermill/nb_version_4.4.ipynb"] = "",
        ["papermill/no_parameters.ipynb"] = "",
        ["papermill/notimplemented_translator.ipynb"] = "",
        ["papermill/read_check.ipynb"] = "",
        ["papermill/report_mode_test.ipynb"] = "",
        ["papermill/result_no_exec.ipynb"] = "",
        ["papermill/s3-simple_notebook.ipynb"] = "",
        ["papermill/simple_execute.ipynb"] = "",
        ["papermill/sysexit.ipynb"] = "",
        ["papermill/sysexit0.ipynb"] = "",
        ["papermill/sysexit1.ipynb"] = "",
        ["papermill/systemexit.ipynb"] = "",
        ["papermill/test_autosave.ipynb"] = "",
        ["papermill/test_logging.ipynb"] = "",
        ["papermill/test_notebooknode_io.ipynb"] = "",
    };

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in AllCorpusNotebooks()) data.Add(file);
        return data;
    }

    internal static IEnumerable<string> AllCorpusNotebooks() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*.ipynb", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.Corpus, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Every_corpus_notebook_has_an_expected_verdict()
    {
        AllCorpusNotebooks().ShouldBe(Expected.Keys.Order(StringComparer.Ordinal), ignoreOrder: false);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_notebook_gets_its_verdict(string relative)
    {
        var document = NotebookReader.Read(TestPaths.CorpusFile(relative));
        var diagnostics = NotebookValidator.Validate(document);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var expected = Expected[relative];
        if (expected.Length == 0)
        {
            errors.ShouldBeEmpty(string.Join("\n", errors));
        }
        else
        {
            errors.Select(e => e.Code).ShouldContain(expected, string.Join("\n", diagnostics));
            errors.ShouldAllBe(e => e.File == TestPaths.CorpusFile(relative));
        }
    }

    [Fact]
    public async Task Verdicts_agree_with_python_nbformat()
    {
        // nbformat's own verdict, without its silent repairs (ids) and with v3 counted as refused.
        const string script = """
            import sys, glob, os, warnings, nbformat
            warnings.simplefilter("ignore")
            root = sys.argv[1]
            for p in sorted(glob.glob(os.path.join(root, "**", "*.ipynb"), recursive=True)):
                rel = os.path.relpath(p, root)
                try:
                    nb = nbformat.read(p, as_version=nbformat.NO_CONVERT)
                    if nb.get("nbformat", 0) < 4:
                        raise ValueError("old")
                    raw = nbformat.reader.reads(open(p, encoding="utf-8").read())
                    nbformat.validate(raw, repair_duplicate_cell_ids=False)
                    print("VALID", rel)
                except Exception as e:
                    print("INVALID", rel)
            """;
        // Strict nbformat (no repair) says a 4.5 cell without an id is invalid; nbformat's default validate adds the id
        // and warns (MissingIDFieldWarning). We follow the default here: NB1028 is a warning.
        string[] deliberateDifferences = ["nbformat/v4_5_no_cell_id.ipynb"];
        var output = await Python.RunAsync(script, TestPaths.Corpus);
        var verdicts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[1].Trim(), p => p[0]);
        verdicts.Count.ShouldBe(Expected.Count);
        foreach (var (file, code) in Expected)
        {
            var differs = deliberateDifferences.Contains(file);
            (verdicts[file] == "VALID").ShouldBe(code.Length == 0 ^ differs, $"{file}: python says {verdicts[file]}, table says '{code}'");
        }
    }

    [Fact]
    public void Old_notebook_error_names_the_upgrade_command()
    {
        var diagnostic = NotebookValidator.Validate(NotebookReader.Read(TestPaths.CorpusFile("nbformat/test3.ipynb"))).Single();
        diagnostic.Code.ShouldBe("NB1010");
        diagnostic.Message.ShouldContain("jupyter nbconvert --to notebook --nbformat 4");
    }

    [Fact]
    public void Newer_minor_version_is_a_warning()
    {
        var diagnostics = NotebookValidator.Validate(NotebookReader.Read(TestPaths.CorpusFile("nbformat/test4plus.ipynb")));
        diagnostics.Select(d => d.Code).ShouldBe(["NB1012"]);
        diagnostics[0].Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void Missing_cell_id_in_4_5_is_a_warning_per_cell()
    {
        var diagnostics = NotebookValidator.Validate(NotebookReader.Read(TestPaths.CorpusFile("nbformat/v4_5_no_cell_id.ipynb")));
        diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.Code == "NB1028" && d.Severity == Severity.Warning);
    }

    [Fact]
    public void Invalid_metadata_reports_each_bad_field_with_a_line()
    {
        var diagnostics = NotebookValidator.Validate(NotebookReader.Read(TestPaths.CorpusFile("nbformat/v4_5_invalid_metadata.ipynb")));
        var messages = string.Join("\n", diagnostics);
        foreach (var field in new[] { "metadata.kernelspec", "cells[0].metadata.name", "cells[0].metadata.tags", "cells[0].metadata.jupyter", "cells[0].metadata.execution", "cells[0].metadata.collapsed", "cells[0].metadata.scrolled" })
            messages.ShouldContain(field);
        diagnostics.ShouldAllBe(d => d.Line > 0);
    }

    private static NotebookDocument Minimal(int minor, params JsonObject[] cells)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray([.. cells]),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = minor,
        };
        return NotebookReader.Parse(root.ToJsonString());
    }

    private static JsonObject Code(string? id = "c1", JsonArray? outputs = null) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["outputs"] = outputs ?? new JsonArray(),
        ["source"] = "x = 1",
    };

    public static TheoryData<string, string> BrokenCells() => new()
    {
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[]}""", "NB1020" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[],"execution_count":-1}""", "NB1025" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":5,"outputs":[],"execution_count":null}""", "NB1021" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":["a",1],"outputs":[],"execution_count":null}""", "NB1021" },
        { """{"cell_type":"markdown","id":"a","metadata":{},"source":"","outputs":[]}""", "NB1022" },
        { """{"cell_type":"markdown","id":"a","metadata":{"tags":["x","x"]},"source":""}""", "NB1029" },
        { """{"cell_type":"markdown","id":"a","metadata":{"tags":["a,b"]},"source":""}""", "NB1029" },
        { """{"cell_type":"markdown","id":"","metadata":{},"source":""}""", "NB1026" },
        { """{"cell_type":"markdown","id":"x2345678901234567890123456789012345678901234567890123456789012345","metadata":{},"source":""}""", "NB1026" },
        { """{"cell_type":"raw","id":"a","metadata":{"format":1},"source":""}""", "NB1021" },
        { """{"cell_type":"code","id":"a","metadata":{"execution":{"iopub.status.busy":5}},"source":"","outputs":[],"execution_count":null}""", "NB1021" },
        { """{"cell_type":"code","id":"a","metadata":{"scrolled":"yes"},"source":"","outputs":[],"execution_count":null}""", "NB1025" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"stream","name":"stdout"}],"execution_count":null}""", "NB1020" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"stream","name":1,"text":""}],"execution_count":null}""", "NB1021" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"display_data","data":{"text/plain":5},"metadata":{}}],"execution_count":null}""", "NB1021" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"execute_result","data":{},"metadata":{}}],"execution_count":null}""", "NB1020" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"error","ename":"E","evalue":"v","traceback":"no"}],"execution_count":null}""", "NB1021" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"pyout"}],"execution_count":null}""", "NB1024" },
        { """{"cell_type":"code","id":"a","metadata":{},"source":"","outputs":[{"output_type":"stream","name":"stdout","text":"","extra":1}],"execution_count":null}""", "NB1022" },
    };

    [Theory]
    [MemberData(nameof(BrokenCells))]
    public void Broken_cell_gets_its_code(string cellJson, string code)
    {
        var document = Minimal(5, JsonNode.Parse(cellJson)!.AsObject());
        var diagnostics = NotebookValidator.Validate(document, "x.ipynb");
        diagnostics.Select(d => d.Code).ShouldContain(code, string.Join("\n", diagnostics));
        diagnostics.ShouldAllBe(d => d.File == "x.ipynb" && d.Line > 0);
    }

    [Fact]
    public void Json_typed_mime_data_may_be_any_json()
    {
        var outputs = JsonNode.Parse("""[{"output_type":"display_data","data":{"application/json":{"a":[1,2]},"application/vnd.x+json":5,"text/plain":["a","b"]},"metadata":{}}]""")!.AsArray();
        NotebookValidator.Validate(Minimal(5, Code(outputs: outputs))).ShouldBeEmpty();
    }

    [Fact]
    public void Cell_id_before_4_5_is_an_unexpected_key()
    {
        NotebookValidator.Validate(Minimal(4, Code())).Select(d => d.Code).ShouldBe(["NB1022"]);
        NotebookValidator.Validate(Minimal(4, Code(id: null).Also(c => c.Remove("id")))).ShouldBeEmpty();
    }

    [Fact]
    public void Duplicate_ids_point_at_the_second_cell()
    {
        var diagnostics = NotebookValidator.Validate(Minimal(5, Code("same"), Code("same")));
        diagnostics.Single().Code.ShouldBe("NB1027");
        diagnostics.Single().Message.ShouldContain("cells[1]");
    }

    [Theory]
    [InlineData("""{"cells":[],"metadata":{},"nbformat":5,"nbformat_minor":0}""", "NB1011")]
    [InlineData("""{"cells":[],"metadata":{},"nbformat":"4","nbformat_minor":0}""", "NB1013")]
    [InlineData("""{"cells":[],"metadata":{},"nbformat":4,"nbformat_minor":1.5}""", "NB1013")]
    [InlineData("""{"cells":[],"nbformat":4,"nbformat_minor":5}""", "NB1020")]
    [InlineData("""{"cells":{},"metadata":{},"nbformat":4,"nbformat_minor":5}""", "NB1021")]
    [InlineData("""{"worksheets":[],"metadata":{}}""", "NB1010")]
    [InlineData("""{"cells":[],"metadata":{"kernelspec":{"name":"python3","display_name":1}},"nbformat":4,"nbformat_minor":5}""", "NB1021")]
    [InlineData("""{"cells":[],"metadata":{"language_info":{}},"nbformat":4,"nbformat_minor":5}""", "NB1020")]
    [InlineData("""{"cells":[],"metadata":{"orig_nbformat":0},"nbformat":4,"nbformat_minor":5}""", "NB1025")]
    public void Broken_top_level_gets_its_code(string json, string code)
    {
        NotebookValidator.Validate(NotebookReader.Parse(json)).Select(d => d.Code).ShouldContain(code);
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
