using System.Text.Json.Nodes;
using static Notebook.Documents.Tests.HtmlReportRendererTests;

namespace Notebook.Documents.Tests;

/// <summary>Markdown cells as CommonMark with GitHub's extensions, raw HTML sanitized, attachments resolved.</summary>
public class HtmlReportMarkdownTests
{
    private static string Render(string markdown, JsonObject? attachments = null) => HtmlReportRenderer.Render(Markdown(markdown, attachments));

    [Fact]
    public void Lists_nest_with_emphasis_links_quotes_and_rules()
    {
        var html = Render("""
            * one **bold**
              1. nested *em*
              2. [two](https://jupyter.org "Jupyter")

            > quoted

            ---
            """);
        html.ShouldContain("<li>one <strong>bold</strong>");
        html.ShouldContain("<ol>\n<li>nested <em>em</em></li>");
        html.ShouldContain("<a href=\"https://jupyter.org\" title=\"Jupyter\">two</a>");
        html.ShouldContain("<blockquote>\n<p>quoted</p>\n</blockquote>");
        html.ShouldContain("<hr />");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void GitHub_tables_task_lists_strikethrough_and_autolinks()
    {
        var html = Render("""
            | a | b |
            |---|--:|
            | 1 | 2 |

            - [x] done
            - [ ] open

            ~~gone~~ www.example.com
            """);
        html.ShouldContain("<th>a</th>");
        html.ShouldContain("<td style=\"text-align: right;\">2</td>");
        html.ShouldContain("<input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\" /> done");
        html.ShouldContain("<del>gone</del>");
        html.ShouldContain("<a href=\"http://www.example.com\">www.example.com</a>");
    }

    [Fact]
    public void An_indented_code_block_keeps_its_indentation()
    {
        var html = Render("text\n\n    def f():\n        return 1\n");
        html.ShouldContain("<pre><code>def f():\n    return 1\n</code></pre>");
    }

    [Fact]
    public void Inline_html_is_kept_and_anything_active_removed()
    {
        var html = Render("""
            Press <kbd>Ctrl</kbd> <span style="color: red">red</span>

            <img src="x.png" onerror="alert(1)"> <a href="javascript:alert(2)">js</a> <iframe src="https://example.com"></iframe>
            <script>alert(3)</script> <form action="https://example.com/post"><input name="q"></form>
            """);
        html.ShouldContain("<kbd>Ctrl</kbd>");
        html.ShouldContain("<span style=\"color: rgba(255, 0, 0, 1)\">red</span>");
        html.ShouldNotContain("alert(");
        html.ShouldNotContain("<iframe");
        html.ShouldNotContain("<form");
        ShouldReferenceNothingExternal(html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](relative.png)")]
    [InlineData("<javascript:alert(1)>")]
    public void A_markdown_link_or_image_our_rules_refuse_loses_its_url(string markdown)
    {
        var html = Render(markdown);
        html.ShouldNotMatch("(?i)(href|src)=\"[^\"]*(javascript|data:text|relative)");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Images_load_only_from_attachments_or_data()
    {
        var png = Convert.ToBase64String([137, 80, 78, 71, 13, 10]);
        var attachments = new JsonObject { ["chart.png"] = new JsonObject { ["image/png"] = png } };
        var html = Render("![chart](attachment:chart.png) ![remote](https://example.com/a.png) ![missing](attachment:nope.png)", attachments);
        html.ShouldContain($"<img src=\"data:image/png;base64,{png}\" alt=\"chart\">");
        html.ShouldContain("<img alt=\"remote\">");
        html.ShouldContain("<img alt=\"missing\">");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void A_raw_html_image_takes_its_attachment_too()
    {
        var png = Convert.ToBase64String([137, 80, 78, 71, 13, 10]);
        var attachments = new JsonObject { ["logo.png"] = new JsonObject { ["image/png"] = new JsonArray(png[..4], png[4..] + "\n") } };
        var html = Render("<img src=\"attachment:logo.png\" width=\"40\"> <img src=\"other.png\">", attachments);
        html.ShouldContain($"<img src=\"data:image/png;base64,{png}\" width=\"40\">");
        html.ShouldNotContain("other.png");
    }

    [Fact]
    public void Headings_get_unique_ids_and_a_table_of_contents()
    {
        var html = Render("# Intro\n\n## Data & results\n\ntext\n\n## Data & results\n");
        html.ShouldContain("<h1 id=\"intro\">Intro</h1>");
        html.ShouldContain("<h2 id=\"data-results\">Data &amp; results</h2>");
        html.ShouldContain("<h2 id=\"data-results-1\">");
        html.ShouldContain("<nav class=\"toc\">");
        html.ShouldContain("<li class=\"toc-level-2\"><a href=\"#data-results-1\">Data &amp; results</a></li>");
    }

    [Fact]
    public void A_fenced_block_in_a_known_language_is_highlighted_and_others_stay_plain()
    {
        var html = Render("```python\nimport os  # <x>\n```\n\n```text\nimport os\n```\n");
        html.ShouldContain("<pre class=\"highlight\"><code class=\"language-python\"><span class=\"tok-keyword\">import</span> os  <span class=\"tok-comment\"># &lt;x&gt;</span>");
        html.ShouldContain("<pre><code class=\"language-text\">import os\n</code></pre>");
    }

    [Fact]
    public void An_attribute_named_like_a_builtin_is_not_coloured_as_one()
    {
        var html = HtmlReportRenderer.Render(Code("from IPython.display import display\ndisplay(1)", []));
        html.ShouldContain("IPython.display <span class=\"tok-keyword\">import</span> <span class=\"tok-builtin\">display</span>");
    }
}
