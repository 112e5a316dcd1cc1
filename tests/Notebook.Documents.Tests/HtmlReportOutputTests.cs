using System.Text.Json.Nodes;
using static Notebook.Documents.Tests.HtmlReportRendererTests;

namespace Notebook.Documents.Tests;

/// <summary>Every output type on purpose: markdown, latex, JavaScript and widgets, audio and video, styles.</summary>
public class HtmlReportOutputTests
{
    private static JsonObject Bundle(JsonObject data) => new() { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };

    private static string Render(params JsonObject[] outputs) => HtmlReportRenderer.Render(Code("x", outputs));

    [Fact]
    public void Markdown_output_renders_like_a_markdown_cell()
    {
        var html = Render(Bundle(new JsonObject { ["text/markdown"] = "**bold** and\n\n- item", ["text/plain"] = "<IPython.core.display.Markdown object>" }));
        html.ShouldContain("<div class=\"markdown\"><p><strong>bold</strong> and</p>\n<ul>\n<li>item</li>\n</ul>");
        html.ShouldNotContain("IPython.core.display.Markdown object");
    }

    [Fact]
    public void JavaScript_never_runs_and_a_note_says_so()
    {
        var html = Render(
            Bundle(new JsonObject { ["application/javascript"] = "alert('js')", ["text/plain"] = "<IPython.core.display.Javascript object>" }),
            Bundle(new JsonObject { ["application/vnd.jupyter.widget-view+json"] = new JsonObject { ["model_id"] = "m1" }, ["text/plain"] = "IntSlider(value=3)" }));
        html.ShouldContain("data-note=\"javascript\"");
        html.ShouldContain("data-note=\"widget\"");
        html.ShouldContain("IntSlider(value=3)");
        html.ShouldNotContain("alert(");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Audio_and_video_play_with_the_browsers_controls()
    {
        var wav = Convert.ToBase64String("RIFF0000WAVE"u8.ToArray());
        var audioHtml = $"<audio controls=\"controls\"><source src=\"data:audio/wav;base64,{wav}\" type=\"audio/wav\">No audio</audio>";
        var html = Render(
            Bundle(new JsonObject { ["text/html"] = audioHtml, ["text/plain"] = "<IPython.lib.display.Audio object>" }),
            Bundle(new JsonObject { ["video/mp4"] = wav, ["text/plain"] = "video" }),
            Bundle(new JsonObject { ["text/html"] = "<video src=\"https://example.com/v.mp4\" controls></video>" }));
        html.ShouldContain($"<audio controls=\"controls\"><source src=\"data:audio/wav;base64,{wav}\" type=\"audio/wav\">");
        html.ShouldContain($"<video controls src=\"data:video/mp4;base64,{wav}\"></video>");
        html.ShouldContain("<video controls=\"\"></video>");
        html.ShouldContain("media-src data:");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Latex_output_becomes_display_math_without_its_delimiters()
    {
        var html = Render(Bundle(new JsonObject { ["text/latex"] = "$\\displaystyle \\frac{x^{2}}{2} < 1$", ["text/plain"] = "x**2/2" }));
        html.ShouldContain("<div class=\"math display\">\\displaystyle \\frac{x^{2}}{2} &lt; 1</div>");
    }

    [Fact]
    public void Styles_of_html_outputs_are_kept_but_load_nothing()
    {
        var html = Render(Bundle(new JsonObject
        {
            ["text/html"] = "<style scoped>.dataframe tbody tr th { vertical-align: top; } @import url(https://x.example.com/a.css); .a { background: url(https://x.example.com/b.png) }</style><table class=\"dataframe\" id=\"T_1\"><tr><td>1</td></tr></table>",
        }));
        html.ShouldContain(".dataframe tbody tr th { vertical-align: top }");
        html.ShouldContain("<table class=\"dataframe\" id=\"T_1\">");
        html.ShouldNotContain("x.example.com");
        ShouldReferenceNothingExternal(html);
    }

    [Fact]
    public void Svg_is_shown_through_an_img_where_it_can_run_nothing()
    {
        var html = Render(Bundle(new JsonObject { ["image/svg+xml"] = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"4\"/></svg>" }));
        html.ShouldContain("<img alt=\"SVG output\" src=\"data:image/svg+xml;base64,");
        html.ShouldNotContain("<svg");
    }

    [Fact]
    public void Image_size_from_output_metadata_is_kept_as_numbers_only()
    {
        var png = Convert.ToBase64String([137, 80, 78, 71]);
        var sized = Bundle(new JsonObject { ["image/png"] = png });
        sized["metadata"] = new JsonObject { ["image/png"] = new JsonObject { ["width"] = 320, ["height"] = "\"><script>alert(1)</script>" } };
        var html = Render(sized);
        html.ShouldContain($"<img alt=\"image output\" width=\"320\" src=\"data:image/png;base64,{png}\">");
        html.ShouldNotContain("alert(1)");
    }
}
