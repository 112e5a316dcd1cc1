using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Notebook.Documents;

/// <summary>A heading of the report, for its table of contents.</summary>
internal sealed record ReportHeading(int Level, string Text, string Id);

/// <summary>
/// Markdown cells and text/markdown outputs: CommonMark with GitHub's extensions (pipe tables, task lists,
/// strikethrough, autolinks) and Jupyter's math (<c>$...$</c>, <c>$$...$$</c>, bare <c>\begin{env}</c> blocks)
/// through Markdig; raw HTML is kept and then sanitized; <c>attachment:</c> images come from the cell's attachments.
/// Headings get ids unique in the whole report and are collected for the table of contents.
/// </summary>
internal sealed partial class MarkdownRenderer(ReportSanitizer sanitizer)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseMathematics()
        .Build();

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public List<ReportHeading> Headings { get; } = [];

    /// <summary>True once any rendered markdown held math (the page then needs the math renderer).</summary>
    public bool SawMath { get; private set; }

    public string Render(string markdown, JsonObject? attachments = null)
    {
        var document = Markdown.Parse(WrapEnvironments(markdown), Pipeline);
        var links = Attachments(attachments);
        // Markdig escapes all text and attributes itself: only raw HTML, or a URL our rules would change, needs the
        // (much slower) HTML sanitizer; the URLs of links and images are checked here on the syntax tree.
        var needsSanitizer = false;
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock or HtmlInline:
                    needsSanitizer = true;
                    break;
                case LinkInline link when link.Url is not null:
                    var url = ReportSanitizer.FilterUrl(link.IsImage ? "img" : "a", link.Url, links);
                    if (url is null) needsSanitizer = true;
                    else link.Url = url;
                    break;
                case AutolinkInline autolink:
                    if (!autolink.IsEmail && ReportSanitizer.FilterUrl("a", autolink.Url, null) is null) needsSanitizer = true;
                    break;
                case HeadingBlock heading:
                    var text = PlainText(heading.Inline);
                    var id = UniqueId(text);
                    heading.GetAttributes().Id = id;
                    Headings.Add(new ReportHeading(heading.Level, text, id));
                    break;
                case Markdig.Extensions.Mathematics.MathInline or Markdig.Extensions.Mathematics.MathBlock:
                    SawMath = true;
                    break;
            }
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeBlockRenderer());
        renderer.Render(document);
        return needsSanitizer ? sanitizer.Sanitize(writer.ToString(), links) : writer.ToString();
    }

    /// <summary><c>cell.attachments</c> (name to mime bundle) as data: URIs of their first image.</summary>
    private static Dictionary<string, string>? Attachments(JsonObject? attachments)
    {
        if (attachments is null) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bundle) in attachments)
        {
            if (bundle is not JsonObject data) continue;
            foreach (var (mime, value) in data)
            {
                if (!mime.StartsWith("image/", StringComparison.Ordinal)) continue;
                var content = JsonHelpers.JoinMultiline(value);
                map[name] = mime == "image/svg+xml" && !content.TrimStart().StartsWith("PHN", StringComparison.Ordinal) && content.Contains('<')
                    ? "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(content))
                    : $"data:{mime};base64,{Whitespace().Replace(content, "")}";
                break;
            }
        }
        return map;
    }

    private string UniqueId(string text)
    {
        var slug = Slug().Replace(text.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0) slug = "section";
        var id = slug;
        for (var n = 1; !_ids.Add(id); n++) id = $"{slug}-{n}";
        return id;
    }

    private static string PlainText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new StringBuilder();
        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal: sb.Append(literal.Content.ToString()); break;
                case CodeInline code: sb.Append(code.Content); break;
                case Markdig.Extensions.Mathematics.MathInline math: sb.Append(math.Content.ToString()); break;
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// Jupyter (through MathJax) renders a bare <c>\begin{equation}...\end{equation}</c> as display math; CommonMark
    /// would make it a paragraph and eat its backslashes, so such a block becomes a <c>$$</c> block first.
    /// </summary>
    internal static string WrapEnvironments(string markdown)
    {
        if (!markdown.Contains("\\begin{", StringComparison.Ordinal)) return markdown;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var sb = new StringBuilder();
        var inMath = false;
        string? fence = null;
        string? environment = null;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (environment is null && fence is null && !inMath && BeginEnvironment().Match(line) is { Success: true } begin)
            {
                environment = begin.Groups["env"].Value;
                sb.Append("$$\n");
            }
            sb.Append(line).Append('\n');
            if (environment is not null)
            {
                if (trimmed.EndsWith($"\\end{{{environment}}}", StringComparison.Ordinal)) { sb.Append("$$\n"); environment = null; }
                continue;
            }
            if (fence is not null) { if (trimmed.StartsWith(fence, StringComparison.Ordinal)) fence = null; continue; }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)) { fence = trimmed[..3]; continue; }
            // An odd number of $$ on a line opens or closes a display math block.
            if (Regex.Count(line, @"\$\$") % 2 == 1) inMath = !inMath;
        }
        if (environment is not null) sb.Append("$$\n");
        return sb.ToString(0, sb.Length - 1);
    }

    [GeneratedRegex(@"^[ ]{0,3}\\begin\{(?<env>[a-zA-Z*]+)\}")]
    private static partial Regex BeginEnvironment();

    [GeneratedRegex(@"[^\p{L}\p{Nd}_]+")]
    private static partial Regex Slug();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
