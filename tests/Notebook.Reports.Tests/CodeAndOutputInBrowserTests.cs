using System.Text;
using System.Text.Json.Nodes;
using Notebook.Documents;
using static Notebook.Reports.Tests.Notebooks;

namespace Notebook.Reports.Tests;

/// <summary>
/// A notebook executed on the real ipykernel with IPython's rich outputs (markdown, math, HTML table, SVG, audio,
/// JavaScript, an error), rendered and opened in chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CodeAndOutputInBrowserTests(BrowserFixture browser)
{
    internal static NotebookDocument RichOutput() => Document(
        Markdown("# Rich output\n\nWhat IPython's display system sends, as a reader sees it."),
        Code("from IPython.display import Markdown, Math, HTML, SVG, Audio, Javascript, display\nimport struct\n\ndef greet(name: str) -> str:\n    \"\"\"Say hello.\"\"\"\n    return f'Hello, {name}!'  # a comment\n\ngreet('world')"),
        Code("display(Markdown('**Bold** from *Markdown*, with a list:\\n\\n- one\\n- two'))\nMath(r'\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}')"),
        Code("HTML('<table class=\"dataframe\"><thead><tr><th>region</th><th>sales</th></tr></thead><tbody>'\n     '<tr><td>north</td><td>120</td></tr><tr><td>south</td><td>80</td></tr></tbody></table>')"),
        Code("bars = ''.join(f'<rect x=\"{20 + i * 50}\" y=\"{120 - v}\" width=\"40\" height=\"{v}\" fill=\"rgb(40,110,200)\"/>' for i, v in enumerate([60, 100, 40, 80]))\nSVG(f'<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"130\">{bars}</svg>')"),
        Code("rate = 8000\nsamples = bytes(128 + int(100 * ((i // 10) % 2)) for i in range(rate // 4))\nwav = b'RIFF' + struct.pack('<I', 36 + len(samples)) + b'WAVEfmt ' + struct.pack('<IHHIIHH', 16, 1, 1, rate, rate, 1, 8) + b'data' + struct.pack('<I', len(samples)) + samples\nAudio(data=wav)"),
        Code("Javascript('window.__ranJavascript = true; alert(\"javascript ran\")')"),
        Code("raise ValueError('the data for south is incomplete')"));

    private static async Task<NotebookDocument> ExecutedAsync()
    {
        var document = RichOutput();
        var result = await ExecuteAsync(document);
        result.FailedCellIndex.ShouldBe(7, "the last cell raises; every other cell must have run");
        return document;
    }

    [Fact]
    public async Task Code_is_highlighted_and_every_output_type_shows_as_intended()
    {
        var document = await ExecutedAsync();
        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(document, new ReportInfo(Status: "failed: cell 7 raised ValueError") { FailedCellIndex = 7 }));

        (await page.CountAsync("pre.source .tok-keyword")).ShouldBeGreaterThan(3);
        (await page.Page.Locator("pre.source .tok-function").First.TextContentAsync()).ShouldBe("greet");
        var keyword = await page.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.tok-keyword')).color");
        var plain = await page.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('pre.source')).color");
        keyword.ShouldNotBe(plain);

        (await page.CountAsync(".output .markdown li")).ShouldBe(2);
        (await page.CountAsync(".output .math.rendered .katex-display")).ShouldBe(1);
        (await page.CountAsync(".output .html table td")).ShouldBe(4);
        (await page.Page.EvaluateAsync<int>("document.querySelector('img[alt=\"SVG output\"]').naturalWidth")).ShouldBe(240);
        (await page.CountAsync(".note[data-note=javascript]")).ShouldBe(1);
        (await page.Page.EvaluateAsync<bool>("window.__ranJavascript === true")).ShouldBeFalse();
        page.Dialogs.ShouldBeEmpty();
        (await page.CountAsync("pre.error .ansi-red")).ShouldBeGreaterThan(0);
        (await page.Page.Locator("a.failed-cell").GetAttributeAsync("href")).ShouldBe("#cell-7");
        (await page.CountAsync("#cell-7 pre.error")).ShouldBe(1);

        // The browser's own player reads the WAV from the data: URI (media-src data:).
        var duration = await page.Page.EvaluateAsync<double>("""
            new Promise(resolve => {
              const a = document.querySelector('audio');
              if (a.readyState >= 1) resolve(a.duration);
              a.addEventListener('loadedmetadata', () => resolve(a.duration));
              a.addEventListener('error', () => resolve(-1));
              a.load();
            })
            """);
        duration.ShouldBe(0.25, 0.01);
        page.RequestsLeavingThePage().ShouldBeEmpty();
        (await page.ViolationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_input_hides_the_code_and_keeps_the_outputs()
    {
        var document = await ExecutedAsync();
        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(document, new ReportInfo { NoInput = true }));

        (await page.CountAsync("pre.source")).ShouldBe(0);
        (await page.Page.ContentAsync()).ShouldNotContain("greet(");
        (await page.CountAsync(".output .html table td")).ShouldBe(4);
        (await page.CountAsync("main h1")).ShouldBe(1);
    }

    [Fact]
    public async Task Hostile_content_runs_nothing_and_loads_nothing()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert('svg')\"><script>alert('svg2')</script><image href=\"https://example.com/x.png\"/></svg>";
        var document = Document(
            Markdown("<img src=x onerror=\"alert('md')\"> <a href=\"javascript:alert('js')\">x</a> <script>alert('md2')</script>\n\n<style>@import url(https://example.com/a.css); body { background: url(https://example.com/b.png) }</style>\n\n![t](https://example.com/track.png)"),
            Code("x"));
        var outputs = (JsonArray)document.CellArray[1]!["outputs"]!;
        outputs.Add(Display("text/html", "<iframe src=\"https://example.com\"></iframe><object data=\"https://example.com/x\"></object><img src=\"https://example.com/p.gif\"><link rel=stylesheet href=\"https://example.com/c.css\"><meta http-equiv=refresh content=\"0;url=https://example.com\"><base href=\"https://example.com/\"><video poster=\"https://example.com/p.jpg\"></video><div style=\"background:url(https://example.com/d.png)\">d</div>"));
        outputs.Add(Display("image/svg+xml", svg));
        outputs.Add(Display("image/png\" onerror=\"alert('mime')", Png));
        outputs.Add(Display("text/markdown", "<img src=1 onerror=alert('mdout')>"));
        outputs.Add(Display("text/latex", "\\href{javascript:alert('tex')}{click} </div><script>alert('tex2')</script>"));

        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(document));

        page.Dialogs.ShouldBeEmpty();
        page.RequestsLeavingThePage().ShouldBeEmpty();
        (await page.ViolationsAsync()).ShouldBeEmpty();
        (await page.CountAsync("main script, main iframe, main object, main link, main meta, main base")).ShouldBe(0);
    }

    private static JsonObject Display(string mime, string data) =>
        new() { ["output_type"] = "display_data", ["data"] = new JsonObject { [mime] = data }, ["metadata"] = new JsonObject() };
}
