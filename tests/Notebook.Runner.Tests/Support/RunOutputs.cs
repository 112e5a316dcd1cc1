using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notebook.Documents;
using Shouldly;

namespace Notebook.Runner.Tests.Support;

/// <summary>The three files a run writes into its output folder, read back and checked.</summary>
internal sealed partial class RunOutputs
{
    private RunOutputs(string folder, string name)
    {
        Folder = folder;
        NotebookPath = Path.Combine(folder, name + ".ipynb");
        HtmlPath = Path.Combine(folder, name + ".html");
        RunJsonPath = Path.Combine(folder, "run.json");
    }

    public string Folder { get; }

    public string NotebookPath { get; }

    public string HtmlPath { get; }

    public string RunJsonPath { get; }

    public JsonObject RunJson => (JsonObject)JsonNode.Parse(File.ReadAllText(RunJsonPath))!;

    public NotebookDocument Notebook => Notebooks.Read(NotebookPath);

    public static RunOutputs In(string folder, string name = "nb") => new(folder, name);

    /// <summary>All three files exist, the notebook is valid nbformat 4.5 (ours and nbformat's checks), no temp files remain.</summary>
    public async Task ShouldBeCompleteAsync()
    {
        File.Exists(NotebookPath).ShouldBeTrue(NotebookPath);
        File.Exists(HtmlPath).ShouldBeTrue(HtmlPath);
        File.Exists(RunJsonPath).ShouldBeTrue(RunJsonPath);
        Directory.GetFiles(Folder, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
        var document = Notebook;
        document.NbFormat.ShouldBe(4);
        document.NbFormatMinor.ShouldBe(5);
        var problems = NotebookValidator.Validate(document).Where(d => d.Severity == global::Notebook.Diagnostics.Severity.Error).ToList();
        problems.ShouldBeEmpty(string.Join("\n", problems));
        (await Notebooks.NbformatProblemAsync(NotebookPath)).ShouldBeNull();
        var html = File.ReadAllText(HtmlPath);
        ExternalReference().Matches(html).Select(m => m.Value).ShouldBeEmpty();
    }

    // A reference the browser would fetch: src/href/url() pointing at another host.
    [GeneratedRegex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//|url\(\s*[""']?\s*(https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
