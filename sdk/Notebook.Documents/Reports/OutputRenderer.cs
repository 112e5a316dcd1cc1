using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>
/// One output of a code cell, every type on purpose: streams and tracebacks with their ANSI colours; of a mime
/// bundle the richest representation in nbconvert's order; text/html and text/markdown sanitized; text/latex as
/// math; images as data: URIs (SVG too, through an img element, where it can run no script and fetch nothing);
/// audio and video with the browser's own controls; JavaScript and widgets never run, with a visible note and the
/// next representation instead.
/// </summary>
internal sealed partial class OutputRenderer(ReportSanitizer sanitizer, MarkdownRenderer markdown)
{
    // nbconvert's display_data_priority, with audio/video and JSON before plain text.
    private static readonly string[] DisplayOrder =
        ["text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp",
         "audio/*", "video/*", "application/json", "text/plain"];

    private static readonly string[] ScriptTypes =
        ["application/javascript", "text/javascript", "application/vnd.jupyter.widget-view+json"];

    public bool SawMath { get; private set; }

    public void Append(StringBuilder sb, JsonObject output)
    {
        switch (JsonHelpers.AsString(output["output_type"]))
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
                if (output["data"] is JsonObject data) AppendBundle(sb, data, output["metadata"] as JsonObject, JsonHelpers.AsInt(output["execution_count"]));
                break;
        }
    }

    private void AppendBundle(StringBuilder sb, JsonObject data, JsonObject? metadata, int? executionCount)
    {
        var script = ScriptTypes.FirstOrDefault(data.ContainsKey);
        var mime = Pick(data);
        if (mime is null && script is null) return;
        sb.Append("<div class=\"output display\">");
        if (executionCount is { } n) sb.Append("<div class=\"prompt\">Out[").Append(n).Append("]:</div>");
        if (script is not null)
        {
            var what = script.Contains("widget", StringComparison.Ordinal) ? "An interactive widget" : "A JavaScript output";
            sb.Append("<div class=\"note\" data-note=\"").Append(script.Contains("widget", StringComparison.Ordinal) ? "widget" : "javascript")
                .Append("\">").Append(what).Append(" is not run in this report").Append(mime is null ? "." : "; its static form follows.").Append("</div>");
        }
        if (mime is not null) AppendData(sb, mime, data[mime], metadata?[mime] as JsonObject);
        sb.Append("</div>\n");
    }

    private static string? Pick(JsonObject data)
    {
        foreach (var wanted in DisplayOrder)
        {
            if (wanted.EndsWith("/*", StringComparison.Ordinal))
            {
                var prefix = wanted[..^1];
                var found = data.Select(p => p.Key).FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal));
                if (found is not null) return found;
            }
            else if (data.ContainsKey(wanted)) return wanted;
        }
        return null;
    }

    private void AppendData(StringBuilder sb, string mime, JsonNode? value, JsonObject? metadata)
    {
        var text = JsonHelpers.JoinMultiline(value);
        switch (mime)
        {
            case "text/html":
                sb.Append("<div class=\"html\">").Append(sanitizer.Sanitize(text)).Append("</div>");
                break;
            case "text/markdown":
                sb.Append("<div class=\"markdown\">").Append(markdown.Render(text)).Append("</div>");
                break;
            case "text/latex":
                SawMath = true;
                sb.Append("<div class=\"math display\">").Append(WebUtility.HtmlEncode(StripDelimiters(text))).Append("</div>");
                break;
            case "image/svg+xml":
                var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
                sb.Append("<img alt=\"SVG output\"").Append(Size(metadata)).Append(" src=\"data:image/svg+xml;base64,").Append(svg).Append("\">");
                break;
            case "application/json":
                sb.Append("<pre class=\"text\">").Append(WebUtility.HtmlEncode(value?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null")).Append("</pre>");
                break;
            case "text/plain":
                sb.Append("<pre class=\"text\">").Append(AnsiToHtml.Convert(text)).Append("</pre>");
                break;
            default:
                AppendBinary(sb, mime, text, metadata);
                break;
        }
    }

    /// <summary>Images, audio and video: base64 data as a data: URI the browser shows or plays itself.</summary>
    private static void AppendBinary(StringBuilder sb, string mime, string text, JsonObject? metadata)
    {
        var base64 = Whitespace().Replace(text, "");
        if (!Base64().IsMatch(base64) || !MimeName().IsMatch(mime))
        {
            sb.Append("<pre class=\"text\">(").Append(WebUtility.HtmlEncode(mime)).Append(" data is not valid base64)</pre>");
            return;
        }
        var src = $"data:{mime};base64,{base64}";
        if (mime.StartsWith("audio/", StringComparison.Ordinal)) sb.Append("<audio controls src=\"").Append(src).Append("\"></audio>");
        else if (mime.StartsWith("video/", StringComparison.Ordinal)) sb.Append("<video controls src=\"").Append(src).Append("\"></video>");
        else sb.Append("<img alt=\"image output\"").Append(Size(metadata)).Append(" src=\"").Append(src).Append("\">");
    }

    /// <summary>IPython's <c>Image(width=, height=)</c>: the output's metadata for the mime type, as whole pixels only.</summary>
    private static string Size(JsonObject? metadata)
    {
        if (metadata is null) return "";
        var sb = new StringBuilder();
        foreach (var name in new[] { "width", "height" })
        {
            if (metadata[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
                && d is >= 1 and < 100000)
                sb.Append(' ').Append(name).Append("=\"").Append(((int)d).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"');
        }
        return sb.ToString();
    }

    /// <summary>SymPy and IPython's Math wrap text/latex in <c>$...$</c>, <c>$$...$$</c>, <c>\(...\)</c> or <c>\[...\]</c>.</summary>
    internal static string StripDelimiters(string latex)
    {
        var t = latex.Trim();
        foreach (var (open, close) in new[] { ("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$") })
        {
            if (t.Length >= open.Length + close.Length && t.StartsWith(open, StringComparison.Ordinal) && t.EndsWith(close, StringComparison.Ordinal))
                return t[open.Length..^close.Length].Trim();
        }
        return t;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z0-9+/]*={0,2}$")]
    private static partial Regex Base64();

    [GeneratedRegex(@"^[a-z]+/[a-z0-9.+-]+$")]
    private static partial Regex MimeName();
}
