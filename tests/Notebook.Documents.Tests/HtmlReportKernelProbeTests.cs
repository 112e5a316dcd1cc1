using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Notebook.Documents.Tests.HtmlReportRendererTests;

namespace Notebook.Documents.Tests;

/// <summary>
/// The .NET Interactive kernel's probe (a hidden "this cell" div and a script that looks for the kernel's HTTP API,
/// added to the first cell it runs) is left out of the report, recognised by its marker and script together; the
/// notebook keeps it. Data/dotnet-interactive-probe-output.json is the output as Microsoft.dotnet-interactive
/// 1.0.712001 sent it.
/// </summary>
public class HtmlReportKernelProbeTests
{
    internal static string ProbeFile { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "Notebook.Documents.Tests", "Data", "dotnet-interactive-probe-output.json");

    /// <summary>The captured output; <paramref name="asLines"/> stores its HTML as nbformat's list of lines, as on disk.</summary>
    internal static JsonObject Probe(bool asLines = false)
    {
        var output = JsonNode.Parse(File.ReadAllText(ProbeFile))!.AsObject();
        if (asLines)
        {
            var lines = Regex.Split(output["data"]!["text/html"]!.GetValue<string>(), "(?<=\n)").Where(l => l.Length > 0);
            output["data"]!["text/html"] = new JsonArray([.. lines.Select(l => JsonValue.Create(l))]);
        }
        return output;
    }

    private static string ProbeHtml => Probe()["data"]!["text/html"]!.GetValue<string>();

    private static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    private static JsonObject Html(string html, JsonObject? more = null)
    {
        var data = new JsonObject { ["text/html"] = html };
        foreach (var (k, v) in more ?? []) data[k] = v?.DeepClone();
        return new() { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
    }

    private static int OutputBoxes(string html) => Regex.Matches(html, "class=\"output ").Count;

    private static void ShouldShowNoProbe(string html)
    {
        html.ShouldNotContain("dotnet-interactive-this-cell");
        html.ShouldNotContain("The below script");
        html.ShouldNotContain("probeAddresses");
        html.ShouldNotContain("127.0.0.1:2048");
    }

    [Fact]
    public void The_captured_output_is_the_kernels_probe()
    {
        var html = ProbeHtml;
        html.ShouldContain("<div id='dotnet-interactive-this-cell-");
        html.ShouldContain("async function probeAddresses(");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_probe_is_left_out_and_the_cells_other_outputs_stay(bool asLines)
    {
        var document = Code("Console.WriteLine(\"csharp\");", [Probe(asLines), Stream("csharp\n")], language: "C#");

        var html = HtmlReportRenderer.Render(document);

        ShouldShowNoProbe(html);
        OutputBoxes(html).ShouldBe(1);
        html.ShouldContain("<pre class=\"output stream stdout\">csharp\n</pre>");
        // The report only reads the notebook: the executed .ipynb keeps every output as the kernel sent it.
        document.Cells.Single().Outputs.Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("other")]
    [InlineData("hide-output")]
    public void A_cell_whose_only_output_is_the_probe_shows_no_output_at_all(string tag)
    {
        var html = HtmlReportRenderer.Render(Code("var x = 1;", [Probe()], [tag], language: "C#"));

        ShouldShowNoProbe(html);
        OutputBoxes(html).ShouldBe(0);
        html.ShouldNotContain("Show output");
        html.ShouldContain("class=\"input\"");
    }

    public static TheoryData<string, string> KeptOutputs() => new()
    {
        // Text about a probe, even with the function's name, is the user's.
        { "<p>The probe found 3 sensors; probeAddresses(['http://10.0.0.1/']) was logged.</p>", "The probe found 3 sensors" },
        // The marker without the script, or the script without the marker, is not the kernel's probe.
        { "<div id='dotnet-interactive-this-cell-1'>my own cell marker</div>", "my own cell marker" },
        { "<p>visible text</p><script>async function probeAddresses(a) { }</script>", "visible text" },
        { "<p>dotnet-interactive-this-cell-1 and probeAddresses are names in the kernel's source</p>", "names in the kernel" },
        { "<div id='dotnet-interactive-this-cell-3' style='display: none'></div><pre>async function probeAddresses(a) { }</pre>", "async function probeAddresses" },
        // The probe's markup with something the user wrote beside it keeps what the user wrote.
        { "<div>\n<div id='dotnet-interactive-this-cell-2' style='display: none'>x</div>\n<script>probeAddresses([])</script>\n<table><tr><td>kept cell</td></tr></table></div>", "kept cell" },
    };

    [Theory]
    [MemberData(nameof(KeptOutputs))]
    public void An_html_output_that_is_not_only_the_probe_is_kept(string output, string shown)
    {
        var html = HtmlReportRenderer.Render(Code("x", [Html(output)], language: "C#"));

        OutputBoxes(html).ShouldBe(1);
        html.ShouldContain(shown);
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void The_probe_is_judged_by_its_html_which_is_what_the_report_would_show()
    {
        // A text/plain beside it is never shown: nbconvert's order puts text/html first.
        var html = HtmlReportRenderer.Render(Code("x", [Html(ProbeHtml, new JsonObject { ["text/plain"] = "<HTML>" })], language: "C#"));

        ShouldShowNoProbe(html);
        OutputBoxes(html).ShouldBe(0);
    }
}
