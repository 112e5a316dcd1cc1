using System.Net;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Notebook.Documents;

/// <summary>A fenced block in markdown whose info string names a language <see cref="CodeHighlighter"/> knows is highlighted like a code cell.</summary>
internal sealed class HighlightedCodeBlockRenderer : CodeBlockRenderer
{
    protected override void Write(HtmlRenderer renderer, CodeBlock obj)
    {
        var language = (obj as FencedCodeBlock)?.Info;
        if (string.IsNullOrWhiteSpace(language) || !CodeHighlighter.Knows(language) || obj is Markdig.Extensions.Mathematics.MathBlock)
        {
            base.Write(renderer, obj);
            return;
        }
        renderer.EnsureLine();
        renderer.Write("<pre class=\"highlight\"><code class=\"language-").Write(WebUtility.HtmlEncode(language.Trim())).Write("\">");
        renderer.Write(CodeHighlighter.Highlight(obj.Lines.ToString(), language));
        renderer.WriteLine("\n</code></pre>");
    }
}
