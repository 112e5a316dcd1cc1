using System.Globalization;
using System.Net;
using System.Text;

namespace Notebook.Documents;

/// <summary>
/// Renders an executed notebook as one self-contained HTML page: inline CSS, nothing fetched from the network
/// (a Content-Security-Policy forbids it, and the page holds no URL it would load). The header shows the run
/// (status linked to the failing cell, parameters, start, duration, kernel) and a table of contents; each cell
/// shows its highlighted input, its duration and its outputs. The only script is the math renderer, inlined and
/// allowed by its hash, present only when the notebook has math.
/// </summary>
public static class HtmlReportRenderer
{
    /// <summary>The whole page.</summary>
    public static string Render(NotebookDocument document, ReportInfo? info = null)
    {
        info ??= new ReportInfo();
        var sanitizer = new ReportSanitizer();
        var markdown = new MarkdownRenderer(sanitizer);
        var outputs = new OutputRenderer(sanitizer, markdown);
        var cells = new CellRenderer(markdown, outputs, document.Language, info);
        var main = new StringBuilder();
        foreach (var cell in document.Cells) cells.Append(main, cell);
        var math = markdown.SawMath || outputs.SawMath;

        var title = info.Title ?? JsonHelpers.AsString(JsonHelpers.Get(document.Root, "metadata", "title"))
            ?? (document.Path is null ? "Notebook" : System.IO.Path.GetFileNameWithoutExtension(document.Path));
        var sb = new StringBuilder(main.Length + 16384);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy(math)).Append("\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(ReportStyles.Css).Append("</style>\n");
        if (math) sb.Append("<style>\n").Append(MathAssets.Css).Append("\n</style>\n");
        sb.Append("</head>\n<body>\n<header>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        AppendSummary(sb, document, info);
        AppendContents(sb, markdown.Headings);
        sb.Append("</header>\n<main>\n").Append(main).Append("</main>\n");
        if (math) sb.Append("<script>").Append(MathAssets.Script).Append("</script>\n<script>").Append(MathAssets.RenderScript).Append("</script>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// Nothing may be fetched: images and media only as data: URIs, styles only inline. With math, KaTeX's fonts
    /// come as data: URIs and its two inline scripts are allowed by their SHA-256 hashes, no other script.
    /// </summary>
    internal static string ContentSecurityPolicy(bool math) =>
        "default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'"
        + (math ? $"; font-src data:; script-src '{MathAssets.ScriptHash}' '{MathAssets.RenderScriptHash}'" : "");

    private static void AppendSummary(StringBuilder sb, NotebookDocument document, ReportInfo info)
    {
        sb.Append("<table class=\"summary\">\n");
        void Row(string name, string htmlValue) => sb.Append("<tr><th>").Append(name).Append("</th><td>").Append(htmlValue).Append("</td></tr>\n");
        if (info.Status is not null)
        {
            var failed = info.Status.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || info.Status.StartsWith("error", StringComparison.OrdinalIgnoreCase)
                || info.Status.StartsWith("timed", StringComparison.OrdinalIgnoreCase) || info.Status.StartsWith("kernel", StringComparison.OrdinalIgnoreCase);
            var status = $"<span class=\"status {(failed ? "failed" : "ok")}\">{Encode(info.Status)}</span>";
            if (info.FailedCellIndex is { } index) status = $"<a class=\"failed-cell\" href=\"#{CellRenderer.CellId(index)}\">{status}</a>";
            Row("Status", status);
        }
        if (info.Parameters is { Count: > 0 } parameters)
        {
            var list = new StringBuilder("<table class=\"parameters\">");
            foreach (var p in parameters)
                list.Append("<tr><td><code>").Append(Encode(p.Name)).Append("</code></td><td><code>")
                    .Append(Encode(PythonLiteralRenderer.Instance.Render(p.Value))).Append("</code></td></tr>");
            list.Append("</table>");
            Row("Parameters", list.ToString());
        }
        if (info.StartedAt is { } started) Row("Started", Encode(started.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)));
        if (info.Duration is { } duration) Row("Duration", Encode(CellDurations.Format(duration)));
        var kernel = info.Kernel ?? JsonHelpers.AsString(JsonHelpers.Get(document.Root, "metadata", "kernelspec", "display_name"))
            ?? document.KernelName ?? document.Language;
        Row("Kernel", Encode(kernel));
        sb.Append("</table>\n");
    }

    /// <summary>The headings of markdown cells as a nested list of links, like JupyterLab's table of contents.</summary>
    private static void AppendContents(StringBuilder sb, IReadOnlyList<ReportHeading> headings)
    {
        if (headings.Count < 2) return;
        var top = headings.Min(h => h.Level);
        sb.Append("<nav class=\"toc\"><details open><summary>Contents</summary>\n<ul>\n");
        foreach (var h in headings)
        {
            sb.Append("<li class=\"toc-level-").Append(Math.Min(h.Level - top + 1, 6)).Append("\"><a href=\"#").Append(Encode(h.Id)).Append("\">")
                .Append(Encode(h.Text)).Append("</a></li>\n");
        }
        sb.Append("</ul>\n</details></nav>\n");
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
