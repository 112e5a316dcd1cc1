using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>
/// One cell as a section with the id <c>cell-N</c> (N its index in the notebook): markdown rendered, code
/// highlighted with its prompt and duration, raw cells as text; what shows follows <see cref="CellVisibility"/>.
/// </summary>
internal sealed class CellRenderer(MarkdownRenderer markdown, OutputRenderer outputs, string language, ReportInfo info)
{
    public static string CellId(int index) => "cell-" + index.ToString(CultureInfo.InvariantCulture);

    public void Append(StringBuilder sb, NotebookCell cell)
    {
        var show = CellVisibility.For(cell, info.NoInput);
        if (!show.Cell) return;
        var failed = info.FailedCellIndex == cell.Index ? " failed" : "";
        var tags = cell.Tags.Count > 0 ? $" data-tags=\"{Encode(string.Join(" ", cell.Tags))}\"" : "";
        switch (cell.CellType)
        {
            case "markdown":
                if (!show.Input) return;
                sb.Append("<section class=\"cell markdown\" id=\"").Append(CellId(cell.Index)).Append('"').Append(tags).Append(">\n")
                    .Append(markdown.Render(cell.Source, cell.Json["attachments"] as JsonObject)).Append("</section>\n");
                break;
            case "code":
                sb.Append("<section class=\"cell code").Append(failed).Append("\" id=\"").Append(CellId(cell.Index)).Append('"').Append(tags).Append(">\n");
                if (show.Input) AppendInput(sb, cell, show.InputFolded);
                if (show.Output) AppendOutputs(sb, cell, show.OutputFolded);
                sb.Append("</section>\n");
                break;
            default:
                if (!show.Input) return;
                sb.Append("<section class=\"cell raw\" id=\"").Append(CellId(cell.Index)).Append("\"><pre>").Append(Encode(cell.Source)).Append("</pre></section>\n");
                break;
        }
    }

    private void AppendInput(StringBuilder sb, NotebookCell cell, bool folded)
    {
        var count = cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";
        var duration = info.CellDurations is not null && info.CellDurations.TryGetValue(cell.Index, out var given) ? given : CellDurations.From(cell);
        if (folded) sb.Append("<details class=\"folded\"><summary>Show code</summary>\n");
        sb.Append("<div class=\"input\"><div class=\"prompt\">In [").Append(Encode(count)).Append("]:");
        if (duration is { } d) sb.Append("<span class=\"duration\" title=\"cell duration\">").Append(Encode(CellDurations.Format(d))).Append("</span>");
        sb.Append("</div><pre class=\"source highlight\">").Append(CodeHighlighter.Highlight(cell.Source, language)).Append("</pre></div>\n");
        if (folded) sb.Append("</details>\n");
    }

    private void AppendOutputs(StringBuilder sb, NotebookCell cell, bool folded)
    {
        // Counted after the kernel's probe is left out, so a cell with nothing else shows no (folded) output box.
        var list = cell.Outputs.Where(o => !KernelProbeOutput.Is(o)).ToList();
        if (list.Count == 0) return;
        if (folded) sb.Append("<details class=\"folded\"><summary>Show output</summary>\n");
        foreach (var output in list) outputs.Append(sb, output);
        if (folded) sb.Append("</details>\n");
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
