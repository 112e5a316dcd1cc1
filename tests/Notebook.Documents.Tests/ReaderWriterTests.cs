using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents.Tests;

public class ReaderWriterTests
{
    [Theory]
    [InlineData("{\n \"cells\": [\n  1,\n  2\n  3\n ]\n}", 5, 3)]
    [InlineData("{\"a\": }", 1, 7)]
    [InlineData("{\n \"é\": \"x\" x\n}", 2, 11)] // a character column, not a byte column
    public void Syntax_error_is_NB1001_with_one_based_line_and_column(string json, int line, int column)
    {
        var e = Should.Throw<NotebookSdkException>(() => NotebookReader.Parse(json, "bad.ipynb"));
        e.Code.ShouldBe("NB1001");
        e.Diagnostic.Line.ShouldBe(line);
        e.Diagnostic.Column.ShouldBe(column);
        e.Diagnostic.ToString().ShouldStartWith($"bad.ipynb({line},{column}): error NB1001:");
    }

    [Theory]
    [InlineData("", "NB1002")]
    [InlineData("  \n", "NB1002")]
    [InlineData("[]", "NB1003")]
    [InlineData("\"text\"", "NB1003")]
    [InlineData("{\"a\": 1, \"a\": 2}", "NB1005")]
    public void Other_read_problems_have_codes(string json, string code)
    {
        Should.Throw<NotebookSdkException>(() => NotebookReader.Parse(json)).Code.ShouldBe(code);
    }

    [Fact]
    public void Missing_file_is_NB1004()
    {
        Should.Throw<NotebookSdkException>(() => NotebookReader.Read("/nonexistent/x.ipynb")).Code.ShouldBe("NB1004");
    }

    [Fact]
    public void Model_helpers_read_cells_and_kernel()
    {
        var doc = NotebookReader.Read(TestPaths.CorpusFile("papermill/complex_parameters.ipynb"));
        doc.NbFormat.ShouldBe(4);
        doc.NbFormatMinor.ShouldBe(4);
        doc.KernelName.ShouldBe("python3");
        doc.Language.ShouldBe("python");
        var parameters = doc.Cells.Single(c => c.HasTag("parameters"));
        parameters.CellType.ShouldBe("code");
        parameters.Source.ShouldStartWith("msg = None\na: float = 2.25");
        parameters.Index.ShouldBe(doc.Cells.ToList().FindIndex(c => c.HasTag("parameters")));
    }

    [Fact]
    public void Language_defaults_to_python_and_falls_back_to_language_info()
    {
        NotebookReader.Parse("""{"cells":[],"metadata":{},"nbformat":4,"nbformat_minor":5}""").Language.ShouldBe("python");
        NotebookReader.Parse("""{"cells":[],"metadata":{"language_info":{"name":"R"}},"nbformat":4,"nbformat_minor":5}""").Language.ShouldBe("R");
    }

    [Fact]
    public void Source_as_string_or_list_reads_the_same()
    {
        var doc = NotebookReader.Parse("""{"cells":[{"cell_type":"code","source":"a\nb"},{"cell_type":"code","source":["a\n","b"]}]}""");
        doc.Cells.Select(c => c.Source).ShouldBe(["a\nb", "a\nb"]);
    }

    [Fact]
    public async Task Writer_matches_python_json_dumps_for_every_corpus_notebook()
    {
        using var temp = new TempFolder();
        const string script = """
            import sys, json, glob, os
            root, out = sys.argv[1], sys.argv[2]
            for i, p in enumerate(sorted(glob.glob(os.path.join(root, "**", "*.ipynb"), recursive=True))):
                with open(p, encoding="utf-8") as f:
                    nb = json.load(f)
                with open(os.path.join(out, "%d.json" % i), "w", encoding="utf-8") as f:
                    f.write(os.path.relpath(p, root) + "\n" + json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
            """;
        await Python.RunAsync(script, TestPaths.Corpus, temp.Path);
        var files = Directory.GetFiles(temp.Path);
        files.Length.ShouldBe(NotebookValidatorTests.Expected.Count);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, Encoding.UTF8);
            var cut = text.IndexOf('\n');
            var relative = text[..cut];
            var expected = text[(cut + 1)..];
            var document = NotebookReader.Read(TestPaths.CorpusFile(relative));
            NotebookWriter.ToJson(document).ShouldBe(expected, relative);
        }
    }

    [Fact]
    public void Writer_escapes_only_what_json_requires()
    {
        var json = NotebookWriter.ToJson(new JsonObject { ["s"] = "<a href='x'>&amp; é 😀 \u0001 \"q\" \\ \t" });
        json.ShouldBe("{\n \"s\": \"<a href='x'>&amp; é 😀 \\u0001 \\\"q\\\" \\\\ \\t\"\n}\n");
    }

    [Fact]
    public void Unchanged_notebook_round_trips_byte_for_byte()
    {
        var path = TestPaths.CorpusFile("nbformat/test4.5.ipynb");
        var original = File.ReadAllText(path);
        var doc = NotebookReader.Parse(original, path);
        NotebookWriter.ToJson(doc).ShouldBe(original.EndsWith('\n') ? original : original + "\n");
    }

    [Fact]
    public async Task Atomic_write_replaces_the_file_and_leaves_no_temp_file()
    {
        using var temp = new TempFolder();
        var target = Path.Combine(temp.Path, "out.ipynb");
        await File.WriteAllTextAsync(target, "old");
        var doc = NotebookReader.Read(TestPaths.CorpusFile("nbformat/test4.ipynb"));
        await NotebookWriter.WriteAtomicAsync(doc, target);
        NotebookWriter.WriteAtomic(doc, target);
        Directory.GetFiles(temp.Path).ShouldBe([target]);
        (await File.ReadAllTextAsync(target)).ShouldBe(NotebookWriter.ToJson(doc));
        (await File.ReadAllBytesAsync(target))[0].ShouldBe((byte)'{'); // no BOM
    }

    [Fact]
    public void Atomic_write_to_a_missing_folder_is_NB1006()
    {
        var doc = NotebookReader.Read(TestPaths.CorpusFile("nbformat/test4.ipynb"));
        Should.Throw<NotebookSdkException>(() => NotebookWriter.WriteAtomic(doc, "/nonexistent-folder/x.ipynb")).Code.ShouldBe("NB1006");
    }

    [Fact]
    public void Line_of_source_lines_points_into_the_file()
    {
        var json = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"a = 1\\n\",\n    \"b = 2\"\n   ]\n  }\n ]\n}\n";
        var doc = NotebookReader.Parse(json);
        doc.LineOfSource(0, 0).ShouldBe(6);
        doc.LineOfSource(0, 1).ShouldBe(7);
        doc.LineOf("cells[0]").ShouldBe(3);
    }
}
