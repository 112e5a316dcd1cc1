using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>
/// Renders an executed notebook as one self-contained HTML page: inline CSS, no scripts, nothing fetched from the
/// network (a Content-Security-Policy forbids both, and the page itself holds no external URL). Markdown is shown
/// with a minimal safe subset (headings, paragraphs, fenced code), all text escaped; text/html outputs are the user's
/// own and are kept, minus script elements, event-handler attributes and external URLs; images are data: URIs
/// (SVG too, always through an img element, never inline); tracebacks have their ANSI colours turned into spans.
/// </summary>
public static partial class HtmlReportRenderer
{
    private static readonly string[] DisplayOrder =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/latex", "application/json", "text/plain"];

    /// <summary>The whole page.</summary>
    public static string Render(NotebookDocument document, ReportInfo? info = null)
    {
        info ??= new ReportInfo();
        var title = info.Title ?? JsonHelpers.AsString(JsonHelpers.Get(document.Root, "metadata", "title"))
            ?? (document.Path is null ? "Notebook" : System.IO.Path.GetFileNameWithoutExtension(document.Path));
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        AppendSummary(sb, document, info);
        sb.Append("</header>\n<main>\n");
        foreach (var cell in document.Cells) AppendCell(sb, cell);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendSummary(StringBuilder sb, NotebookDocument document, ReportInfo info)
    {
        sb.Append("<table class=\"summary\">\n");
        void Row(string name, string htmlValue) => sb.Append("<tr><th>").Append(name).Append("</th><td>").Append(htmlValue).Append("</td></tr>\n");
        if (info.Status is not null)
        {
            var failed = info.Status.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || info.Status.StartsWith("error", StringComparison.OrdinalIgnoreCase);
            Row("Status", $"<span class=\"status {(failed ? "failed" : "ok")}\">{Encode(info.Status)}</span>");
        }
        if (info.StartedAt is { } started) Row("Started", Encode(started.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)));
        if (info.Duration is { } duration) Row("Duration", Encode(FormatDuration(duration)));
        Row("Kernel", Encode(document.KernelName ?? document.Language));
        if (info.Parameters is { Count: > 0 } parameters)
        {
            var list = new StringBuilder("<table class=\"parameters\">");
            foreach (var p in parameters)
                list.Append("<tr><td><code>").Append(Encode(p.Name)).Append("</code></td><td><code>")
                    .Append(Encode(PythonLiteralRenderer.Instance.Render(p.Value))).Append("</code></td></tr>");
            list.Append("</table>");
            Row("Parameters", list.ToString());
        }
        sb.Append("</table>\n");
    }

    private static string FormatDuration(TimeSpan d) =>
        d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : d.TotalMinutes >= 1 ? d.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static void AppendCell(StringBuilder sb, NotebookCell cell)
    {
        switch (cell.CellType)
        {
            case "markdown":
                sb.Append("<section class=\"cell markdown\">\n").Append(RenderMarkdown(cell.Source)).Append("</section>\n");
                break;
            case "code":
                var count = cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";
                var tags = cell.Tags.Count > 0 ? $" data-tags=\"{Encode(string.Join(" ", cell.Tags))}\"" : "";
                sb.Append("<section class=\"cell code\"").Append(tags).Append(">\n<div class=\"input\"><div class=\"prompt\">In [")
                    .Append(Encode(count)).Append("]:</div><pre class=\"source\">").Append(Encode(cell.Source)).Append("</pre></div>\n");
                foreach (var output in cell.Outputs) AppendOutput(sb, output);
                sb.Append("</section>\n");
                break;
            default:
                sb.Append("<section class=\"cell raw\"><pre>").Append(Encode(cell.Source)).Append("</pre></section>\n");
                break;
        }
    }

    private static void AppendOutput(StringBuilder sb, JsonObject output)
    {
        var type = JsonHelpers.AsString(output["output_type"]);
        switch (type)
        {
            case "stream":
                var name = JsonHelpers.AsString(output["name"]) == "stderr" ? "stderr" : "stdout";
                sb.Append("<pre class=\"output stream ").Append(name).Append("\">")
                    .Append(AnsiToHtml.Convert(JsonHelpers.JoinMultiline(output["text"]))).Append("</pre>\n");
                break;
            case "error":
                var traceback = output["traceback"] is JsonArray lines
                    ? string.Join("\n", lines.Select(JsonHelpers.AsString))
                    : $"{JsonHelpers.AsString(output["ename"])}: {JsonHelpers.AsString(output["evalue"])}";
                sb.Append("<pre class=\"output error\">").Append(AnsiToHtml.Convert(traceback)).Append("</pre>\n");
                break;
            case "display_data" or "execute_result":
                if (output["data"] is JsonObject data) AppendMimeBundle(sb, data, JsonHelpers.AsInt(output["execution_count"]));
                break;
        }
    }

    private static void AppendMimeBundle(StringBuilder sb, JsonObject data, int? executionCount)
    {
        var mime = DisplayOrder.FirstOrDefault(data.ContainsKey);
        if (mime is null) return;
        var prompt = executionCount is { } n ? $"<div class=\"prompt\">Out[{n}]:</div>" : "";
        sb.Append("<div class=\"output display\">").Append(prompt);
        var value = data[mime];
        switch (mime)
        {
            case "text/html":
                sb.Append("<div class=\"html\">").Append(SanitizeHtml(JsonHelpers.JoinMultiline(value))).Append("</div>");
                break;
            case "image/svg+xml":
                var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonHelpers.JoinMultiline(value)));
                sb.Append("<img alt=\"SVG output\" src=\"data:image/svg+xml;base64,").Append(svg).Append("\">");
                break;
            case "image/png" or "image/jpeg" or "image/gif":
                var base64 = Whitespace().Replace(JsonHelpers.JoinMultiline(value), "");
                if (Base64().IsMatch(base64)) sb.Append("<img alt=\"image output\" src=\"data:").Append(mime).Append(";base64,").Append(base64).Append("\">");
                else sb.Append("<pre class=\"text\">(image data is not valid base64)</pre>");
                break;
            case "application/json":
                sb.Append("<pre class=\"text\">").Append(Encode(value?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null")).Append("</pre>");
                break;
            default:
                sb.Append("<pre class=\"text\">").Append(AnsiToHtml.Convert(JsonHelpers.JoinMultiline(value))).Append("</pre>");
                break;
        }
        sb.Append("</div>\n");
    }

    /// <summary>A minimal Markdown subset: ATX headings, fenced code blocks, paragraphs, `code` spans; everything else is escaped text.</summary>
    internal static string RenderMarkdown(string markdown)
    {
        var sb = new StringBuilder();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count == 0) return;
            sb.Append("<p>").Append(string.Join("<br>\n", paragraph.Select(EncodeInline))).Append("</p>\n");
            paragraph.Clear();
        }
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                Flush();
                var fence = trimmed[..3];
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(fence, StringComparison.Ordinal); i++) code.Add(lines[i]);
                sb.Append("<pre><code>").Append(Encode(string.Join("\n", code))).Append("</code></pre>\n");
                continue;
            }
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                Flush();
                var level = heading.Groups[1].Length;
                sb.Append("<h").Append(level + 1 > 6 ? 6 : level + 1).Append('>').Append(EncodeInline(heading.Groups[2].Value.TrimEnd('#', ' ')))
                    .Append("</h").Append(level + 1 > 6 ? 6 : level + 1).Append(">\n");
                continue;
            }
            if (trimmed.Length == 0) Flush();
            else paragraph.Add(line);
        }
        Flush();
        return sb.ToString();
    }

    /// <summary>
    /// Keeps the user's HTML but removes what would run code or reach the network: script (and other active)
    /// elements, on* handlers, javascript: URLs and absolute http(s) or protocol-relative URLs.
    /// </summary>
    internal static string SanitizeHtml(string html)
    {
        var s = ActiveElement().Replace(html, "");
        s = UnclosedActiveElement().Replace(s, "");
        s = EventHandler().Replace(s, "");
        s = ExternalUrl().Replace(s, m => m.Groups["attr"].Value + "=\"#blocked\"");
        s = ExternalCssUrl().Replace(s, "url(#blocked)");
        s = ExternalText().Replace(s, "blocked:");
        return s;
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Escaped text with `code` spans as &lt;code&gt; (the span's text is escaped like the rest).</summary>
    private static string EncodeInline(string text) => CodeSpan().Replace(Encode(text), "<code>$1</code>");

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"<\s*(script|iframe|object|embed|link|meta|base)\b[^>]*>.*?<\s*/\s*\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ActiveElement();

    [GeneratedRegex(@"<\s*/?\s*(script|iframe|object|embed|link|meta|base)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex UnclosedActiveElement();

    [GeneratedRegex(@"\son[a-z]+\s*=\s*(""[^""]*""|'[^']*'|[^\s>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"(?<attr>\b(?:src|href|action|formaction|srcset|poster|data|background|xlink:href))\s*=\s*(""\s*(?:https?:|//|javascript:)[^""]*""|'\s*(?:https?:|//|javascript:)[^']*'|(?:https?:|//|javascript:)[^\s>]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"url\(\s*['""]?\s*(?:https?:|//)[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalCssUrl();

    // Any absolute URL left (in text, @import, inline CSS) loses its scheme so nothing can fetch it.
    [GeneratedRegex(@"\b(?:https?|javascript):", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalText();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z0-9+/]*={0,2}$")]
    private static partial Regex Base64();

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem 2rem; color: #1b1f23; }
        header h1 { margin-bottom: .5rem; }
        table.summary { border-collapse: collapse; margin-bottom: 1.5rem; }
        table.summary th { text-align: left; padding: .2rem 1rem .2rem 0; vertical-align: top; color: #57606a; font-weight: 600; }
        table.summary td { padding: .2rem 0; }
        table.parameters td { padding: 0 1rem 0 0; }
        .status.ok { color: #1a7f37; font-weight: 600; }
        .status.failed { color: #cf222e; font-weight: 600; }
        .cell { margin: .75rem 0; }
        .prompt { color: #57606a; font-family: ui-monospace, monospace; font-size: .8rem; }
        pre { background: #f6f8fa; padding: .5rem .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: .25rem 0; }
        pre.source { border-left: 3px solid #0969da; }
        pre.stderr { background: #fff5f5; }
        pre.error { background: #ffebe9; }
        .output img { max-width: 100%; }
        .html { overflow-x: auto; }
        .ansi-bold { font-weight: bold; }
        .ansi-black { color: #24292f; } .ansi-red { color: #cf222e; } .ansi-green { color: #116329; } .ansi-yellow { color: #7d4e00; }
        .ansi-blue { color: #0550ae; } .ansi-magenta { color: #8250df; } .ansi-cyan { color: #1b7c83; } .ansi-white { color: #6e7781; }
        .ansi-bright-black { color: #57606a; } .ansi-bright-red { color: #a40e26; } .ansi-bright-green { color: #1a7f37; } .ansi-bright-yellow { color: #633c01; }
        .ansi-bright-blue { color: #218bff; } .ansi-bright-magenta { color: #a475f9; } .ansi-bright-cyan { color: #3192aa; } .ansi-bright-white { color: #8c959f; }

        """;
}
