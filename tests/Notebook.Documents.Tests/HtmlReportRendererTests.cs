using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Notebook.Documents.Tests;

public class HtmlReportRendererTests
{
    private static NotebookDocument Notebook(params JsonObject[] outputs)
    {
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(
                new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "# Title <b>\n\nSome *text* <script>alert(1)</script> https://example.com\n\n```\ncode < 1\n```" },
                new JsonObject
                {
                    ["cell_type"] = "code", ["execution_count"] = 3, ["metadata"] = new JsonObject(),
                    ["outputs"] = new JsonArray([.. outputs]), ["source"] = "print('<script>')",
                }),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        return new NotebookDocument(json, "/tmp/report.ipynb");
    }

    internal static NotebookDocument Markdown(string source, JsonObject? attachments = null)
    {
        var cell = new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };
        if (attachments is not null) cell["attachments"] = attachments;
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(cell), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 4,
        };
        return new NotebookDocument(json, "/tmp/doc.ipynb");
    }

    /// <summary>One code cell with these outputs; <paramref name="tags"/> and <paramref name="metadata"/> go into its metadata.</summary>
    internal static NotebookDocument Code(string source, JsonObject[] outputs, string[]? tags = null, JsonObject? metadata = null, string language = "python")
    {
        metadata ??= new JsonObject();
        if (tags is not null) metadata["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]);
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = 1, ["metadata"] = metadata,
                ["outputs"] = new JsonArray([.. outputs]), ["source"] = source,
            }),
            ["metadata"] = new JsonObject { ["language_info"] = new JsonObject { ["name"] = language } },
            ["nbformat"] = 4, ["nbformat_minor"] = 4,
        };
        return new NotebookDocument(json, "/tmp/code.ipynb");
    }

    private static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    private static JsonObject Display(string mime, JsonNode data) => new()
    {
        ["output_type"] = "display_data", ["data"] = new JsonObject { [mime] = data }, ["metadata"] = new JsonObject(),
    };

    /// <summary>
    /// Every http(s) URL must sit in text content or in a link's href (followed only when a reader clicks it), never in
    /// an attribute that loads something, a CSS url() or an import; no script but the report's own math scripts.
    /// </summary>
    internal static void ShouldReferenceNothingExternal(string html)
    {
        foreach (Match m in Regex.Matches(html, "(?i)(https?:|javascript:)"))
        {
            var before = html[Math.Max(0, m.Index - 200)..m.Index];
            var context = html[Math.Max(0, m.Index - 80)..Math.Min(html.Length, m.Index + 80)];
            if (m.Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(before, """<a\s[^<>]*href="$""")) continue;
            before.ShouldNotMatch("""(=\s*["']?\s*$|url\(\s*["']?\s*$|@import\s*["']?\s*$)""", context);
        }
        Regex.Replace(html, "<script>(.*?)</script>", "", RegexOptions.Singleline).ShouldNotMatch("(?i)<script");
        html.ShouldNotMatch("""(?i)<[^>]*\son[a-z]+\s*=""");
    }

    [Fact]
    public void Stream_output_is_escaped()
    {
        var html = HtmlReportRenderer.Render(Notebook(Stream("<script>alert('x')</script> & done\n")));
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; done");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Markdown_raw_html_is_sanitized_and_code_escaped()
    {
        var html = HtmlReportRenderer.Render(Notebook());
        html.ShouldContain("<h1 id=\"title\">Title <b></b></h1>");
        html.ShouldContain("<em>text</em>");
        html.ShouldNotContain("alert(1)");
        html.ShouldContain("<pre><code>code &lt; 1\n</code></pre>");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Markdown_code_spans_become_code_elements_with_escaped_text()
    {
        var html = HtmlReportRenderer.Render(Markdown("## See `run.json`\n\nThe `<b>` tag and `a` `b`, an odd ` tick."));

        html.ShouldContain("<h2 id=\"see-run-json\">See <code>run.json</code></h2>");
        html.ShouldContain("The <code>&lt;b&gt;</code> tag and <code>a</code> <code>b</code>, an odd ` tick.");
    }

    [Fact]
    public void Html_output_is_kept_without_scripts_handlers_or_external_urls()
    {
        var userHtml = """
            <div class="df"><table><tr><td>1</td></tr></table></div>
            <script src="https://cdn.example.com/x.js"></script><SCRIPT>evil()</SCRIPT><script>unclosed
            <img src="https://tracker.example.com/p.gif" onerror="alert(1)">
            <a href='http://example.com'>link</a><a href=javascript:alert(1)>js</a>
            <style>@import "https://x.example.com/a.css"; .a { background: url(https://x.example.com/b.png) }</style>
            <iframe src="//example.com"></iframe>
            """;
        var html = HtmlReportRenderer.Render(Notebook(Display("text/html", userHtml)));
        html.ShouldContain("<table><tbody><tr><td>1</td></tr></tbody></table>");
        ShouldReferenceNothingExternal(html);
        html.ShouldNotContain("<iframe", Case.Insensitive);
    }

    [Fact]
    public void Images_are_data_uris_and_svg_is_never_inline()
    {
        var png = Convert.ToBase64String([137, 80, 78, 71]);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        var html = HtmlReportRenderer.Render(Notebook(Display("image/png", png + "\n"), Display("image/svg+xml", svg), Display("image/jpeg", "not base64 \" onerror=\"x")));
        html.ShouldContain($"<img alt=\"image output\" src=\"data:image/png;base64,{png}\">");
        html.ShouldContain("src=\"data:image/svg+xml;base64,");
        html.ShouldNotContain("<svg");
        html.ShouldNotContain("onerror");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Plain_text_and_errors_are_escaped_and_ansi_becomes_spans()
    {
        var error = new JsonObject
        {
            ["output_type"] = "error", ["ename"] = "ValueError", ["evalue"] = "bad <x>",
            ["traceback"] = new JsonArray("\u001b[0;31mValueError\u001b[0m: bad <x>", "\u001b[1;32mline\u001b[0m"),
        };
        var result = new JsonObject
        {
            ["output_type"] = "execute_result", ["execution_count"] = 3, ["metadata"] = new JsonObject(),
            ["data"] = new JsonObject { ["text/plain"] = new JsonArray("<1>\n", "2") },
        };
        var html = HtmlReportRenderer.Render(Notebook(error, result));
        html.ShouldContain("<span class=\"ansi-red\">ValueError</span>: bad &lt;x&gt;");
        html.ShouldContain("<span class=\"ansi-green ansi-bold\">line</span>");
        html.ShouldNotContain("\u001b");
        html.ShouldContain("Out[3]:");
        html.ShouldContain("&lt;1&gt;\n2");
        html.ShouldContain("In [3]:");
    }

    [Fact]
    public void Summary_shows_status_parameters_and_duration()
    {
        var info = new ReportInfo("Daily <report>", "succeeded", [new("top_n", JsonValue.Create(5)), new("who", JsonValue.Create("<me>"))], TimeSpan.FromSeconds(83));
        var html = HtmlReportRenderer.Render(Notebook(), info);
        html.ShouldContain("<title>Daily &lt;report&gt;</title>");
        html.ShouldContain("succeeded");
        html.ShouldContain("<code>top_n</code></td><td><code>5</code>");
        html.ShouldContain("&quot;&lt;me&gt;&quot;");
        html.ShouldContain("1:23");
        html.ShouldContain("Content-Security-Policy");
    }

    [Theory]
    [MemberData(nameof(NotebookValidatorTests.CorpusFiles), MemberType = typeof(NotebookValidatorTests))]
    public void Every_corpus_notebook_renders_self_contained(string relative)
    {
        var html = HtmlReportRenderer.Render(NotebookReader.Read(TestPaths.CorpusFile(relative)));
        html.ShouldStartWith("<!DOCTYPE html>");
        ShouldReferenceNothingExternal(html);
    }
}
