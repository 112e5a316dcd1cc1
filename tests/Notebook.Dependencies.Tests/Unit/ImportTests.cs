using Notebook.Documents;

namespace Notebook.Dependencies.Tests.Unit;

public sealed class ImportTests
{
    internal static string NotebookJson(params string[] cells) =>
        "{\"cells\": [" + string.Join(",", cells.Select((c, i) =>
            $"{{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c{i}\", \"metadata\": {{}}, \"outputs\": [], \"source\": {System.Text.Json.JsonSerializer.Serialize(c, SourceContext.Default.String)}}}")) +
        "], \"metadata\": {\"kernelspec\": {\"display_name\": \"Python 3\", \"language\": \"python\", \"name\": \"python3\"}, \"language_info\": {\"name\": \"python\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}";

    [Theory]
    [InlineData("import os", new[] { "os" })]
    [InlineData("import numpy as np, pandas.io.sql as sql", new[] { "numpy", "pandas" })]
    [InlineData("from sklearn.linear_model import LinearRegression", new[] { "sklearn" })]
    [InlineData("from . import helpers", new string[0])]
    [InlineData("    import json", new string[0])]
    [InlineData("x = 1  # import os", new string[0])]
    [InlineData("important = 1", new string[0])]
    public void Scanner_reads_top_level_import_lines(string line, string[] modules) =>
        ImportScanner.Modules(line).ShouldBe(modules);

    [Fact]
    public void Scanner_skips_magics_shell_cells_and_strings_and_reports_lines()
    {
        var doc = NotebookReader.Parse(NotebookJson(
            "%matplotlib inline\n!pip list\nimport yaml\n\"\"\"\nimport notreal\n\"\"\"\nfrom PIL import Image",
            "%%bash\nimport nothing",
            "%%time\nimport cv2"));

        var imports = ImportScanner.Scan(doc);

        imports.Select(i => (i.Module, i.CellIndex)).ShouldBe([("yaml", 0), ("PIL", 0), ("cv2", 2)]);
        imports.All(i => i.Line > 0).ShouldBeTrue();
    }

    [Fact]
    public void Stdlib_lists_differ_by_version()
    {
        StdlibModules.For("3.12").ShouldContain("tomllib");
        StdlibModules.For("3.10").ShouldNotContain("tomllib");
        StdlibModules.For("3.11").ShouldContain("distutils");
        StdlibModules.For("3.12").ShouldNotContain("distutils");
        StdlibModules.For("3.8").ShouldContain("json");
        StdlibModules.For("3.13").ShouldNotContain("cgi");
        StdlibModules.Versions.ShouldBe(["3.10", "3.11", "3.12", "3.13", "3.8", "3.9"]);
    }

    [Fact]
    public void Checker_warns_only_about_what_nothing_provides()
    {
        var dir = Directory.CreateTempSubdirectory("nbdeps-imports-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "helpers.py"), "");
            var path = Path.Combine(dir, "report.ipynb");
            var doc = NotebookReader.Parse(NotebookJson(
                "import os, json, tomllib\nimport IPython\nfrom ipykernel import kernelapp",
                "import sklearn\nimport yaml\nimport helpers\nimport python_dateutil_missing",
                "import requests\nimport requests"), path);
            var checker = new ImportChecker("3.12", ["scikit-learn", "PyYAML"]);

            var warnings = checker.Check(doc, path, dir);

            warnings.Select(w => w.Code).Distinct().ShouldBe(["NB3050"]);
            warnings.Select(w => w.Message).ShouldSatisfyAllConditions(
                m => m.Count().ShouldBe(2),
                m => m.First().ShouldContain("python_dateutil_missing"),
                m => m.Last().ShouldContain("'requests'"));
            warnings[0].File.ShouldBe(path);
            warnings[0].Line.ShouldBeGreaterThan(0);
            new ImportChecker("3.12", []).Check(doc, path, dir).Count.ShouldBe(4);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SourceContext : System.Text.Json.Serialization.JsonSerializerContext;
