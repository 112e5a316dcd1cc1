using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Notebook.Documents.Tests.HtmlReportRendererTests;

namespace Notebook.Documents.Tests;

/// <summary>What a cell shows (tags, --no-input), its highlighting, duration, the failing-cell link and math.</summary>
public class HtmlReportCellTests
{
    private static JsonObject Out(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    [Theory]
    [InlineData("remove-cell", false, false)]
    [InlineData("remove-input", false, true)]
    [InlineData("remove-output", true, false)]
    [InlineData("hide-input", true, true)]
    [InlineData("other", true, true)]
    public void Tags_choose_what_shows(string tag, bool input, bool output)
    {
        var html = HtmlReportRenderer.Render(Code("secret_source_line = 1", [Out("visible_output_line")], [tag]));
        html.Contains("secret_source_line").ShouldBe(input);
        html.Contains("visible_output_line").ShouldBe(output);
        html.Contains("<details class=\"folded\"><summary>").ShouldBe(tag == "hide-input");
    }

    [Fact]
    public void Parts_collapsed_in_JupyterLab_are_folded()
    {
        var metadata = new JsonObject { ["jupyter"] = new JsonObject { ["source_hidden"] = true, ["outputs_hidden"] = true } };
        var html = HtmlReportRenderer.Render(Code("folded_source = 1", [Out("folded_output")], metadata: metadata));
        html.ShouldContain("<details class=\"folded\"><summary>Show code</summary>");
        html.ShouldContain("<details class=\"folded\"><summary>Show output</summary>");
        html.ShouldContain("folded_source");
        html.ShouldContain("folded_output");
    }

    [Fact]
    public void No_input_hides_every_code_input_but_keeps_outputs_and_markdown()
    {
        var document = Code("secret_source_line = 1", [Out("visible_output_line")]);
        document.CellArray.Insert(0, new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "# Kept heading" });
        var html = HtmlReportRenderer.Render(document, new ReportInfo { NoInput = true });
        html.ShouldNotContain("secret_source_line");
        html.ShouldNotContain("class=\"input\"");
        html.ShouldContain("visible_output_line");
        html.ShouldContain("Kept heading</h1>");
    }

    [Fact]
    public void Python_is_highlighted_when_written_and_stays_escaped()
    {
        var html = HtmlReportRenderer.Render(Code("@cache\ndef f(x: int) -> None:\n    return len('<b>') + 1.5  # done\n%time f(1)", []));
        html.ShouldContain("<span class=\"tok-decorator\">@cache</span>");
        html.ShouldContain("<span class=\"tok-keyword\">def</span> <span class=\"tok-function\">f</span>");
        html.ShouldContain("<span class=\"tok-builtin\">len</span>(<span class=\"tok-string\">&#39;&lt;b&gt;&#39;</span>)");
        html.ShouldContain("<span class=\"tok-number\">1.5</span>");
        html.ShouldContain("<span class=\"tok-comment\"># done</span>");
        html.ShouldContain("<span class=\"tok-magic\">%time f(1)</span>");
        html.ShouldContain("<span class=\"tok-constant\">None</span>");
    }

    [Fact]
    public void Other_languages_are_highlighted_by_their_name_or_left_plain()
    {
        HtmlReportRenderer.Render(Code("var s = \"<x>\"; // c", [], language: "C#"))
            .ShouldContain("<span class=\"keyword\">var</span> s = <span class=\"string\">&quot;&lt;x&gt;&quot;</span>; <span class=\"comment\">// c</span>");
        HtmlReportRenderer.Render(Code("SELECT 1", [], language: "sql")).ShouldContain("<span class=\"keyword\">SELECT</span>");
        HtmlReportRenderer.Render(Code("x <- c(1, \"<b>\") # n\nif (TRUE) x", [], language: "R")).ShouldContain(
            "x <span class=\"tok-operator\">&lt;-</span> c(<span class=\"tok-number\">1</span>, <span class=\"tok-string\">&quot;&lt;b&gt;&quot;</span>) <span class=\"tok-comment\"># n</span>\n<span class=\"tok-keyword\">if</span> (<span class=\"tok-constant\">TRUE</span>)");
        HtmlReportRenderer.Render(Code("for f in *.csv; do echo \"$f\" $# ${HOME}; done # all", [], language: "bash")).ShouldContain(
            "<span class=\"tok-keyword\">for</span> f <span class=\"tok-keyword\">in</span>");
        HtmlReportRenderer.Render(Code("echo $# ${HOME} # all", [], language: "bash")).ShouldContain(
            "<span class=\"tok-builtin\">$#</span> <span class=\"tok-builtin\">${HOME}</span> <span class=\"tok-comment\"># all</span>");
        HtmlReportRenderer.Render(Code("x = \"<b>\" # c", [], language: "julia")).ShouldContain("<pre class=\"source highlight\">x = &quot;&lt;b&gt;&quot; # c</pre>");
    }

    [Fact]
    public void Each_cell_shows_its_duration_from_execution_metadata_or_the_runner()
    {
        var execution = new JsonObject
        {
            ["iopub.status.busy"] = "2026-12-01T10:00:00.000000Z", ["iopub.execute_input"] = "2026-12-01T10:00:00.010000Z",
            ["shell.execute_reply"] = "2026-12-01T10:00:02.510000Z", ["iopub.status.idle"] = "2026-12-01T10:00:02.520000Z",
        };
        var document = Code("x = 1", [], metadata: new JsonObject { ["execution"] = execution });
        HtmlReportRenderer.Render(document).ShouldContain("<span class=\"duration\" title=\"cell duration\">2.5 s</span>");
        HtmlReportRenderer.Render(document, new ReportInfo { CellDurations = new Dictionary<int, TimeSpan> { [0] = TimeSpan.FromMilliseconds(42) } })
            .ShouldContain(">42 ms</span>");
    }

    [Fact]
    public void The_status_links_to_the_failing_cell()
    {
        var html = HtmlReportRenderer.Render(Code("1/0", []), new ReportInfo(Status: "failed: cell 0 raised ZeroDivisionError") { FailedCellIndex = 0, Kernel = "python3 (ipykernel)" });
        html.ShouldContain("<a class=\"failed-cell\" href=\"#cell-0\"><span class=\"status failed\">");
        html.ShouldContain("<section class=\"cell code failed\" id=\"cell-0\">");
        html.ShouldContain("<td>python3 (ipykernel)</td>");
    }

    [Fact]
    public void Math_brings_katex_inline_allowed_by_hash_and_nothing_else()
    {
        var html = HtmlReportRenderer.Render(Markdown("Inline $e^{i\\pi} + 1 = 0$.\n\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n"));
        html.ShouldContain("<span class=\"math\">\\(e^{i\\pi} + 1 = 0\\)</span>");
        html.ShouldContain("<div class=\"math\">\n\\[\n\\begin{align}\na &amp;= b \\\\\nc &amp;= d\n\\end{align}\n\\]</div>");
        var csp = Regex.Match(html, "Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
        var scripts = Regex.Matches(html, "<script>(.*?)</script>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        scripts.Count.ShouldBe(2);
        foreach (var script in scripts)
            csp.ShouldContain("'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'");
        csp.ShouldContain("font-src data:");
        html.ShouldContain("src:url(data:font/woff2;base64,");
        html.ShouldNotContain("url(fonts/");
    }

    [Fact]
    public void A_report_without_math_has_no_script_at_all()
    {
        var html = HtmlReportRenderer.Render(Markdown("It costs $5 and $10, no math."));
        html.ShouldNotContain("<script");
        html.ShouldNotContain("script-src");
    }
}
