using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;

namespace Notebook.Documents;

/// <summary>
/// The .NET Interactive kernel's probe: to the first cell it runs, the kernel adds a <c>display_data</c> whose
/// <c>text/html</c> is a hidden <c>&lt;div id='dotnet-interactive-this-cell-…'&gt;</c> and a <c>&lt;script&gt;</c>
/// with <c>probeAddresses(…)</c> that looks for the kernel's HTTP API from a browser (dotnet/interactive's
/// HttpApiBootstrapper). It is no output of the notebook's: the report leaves it out, the executed notebook keeps it.
/// Recognised narrowly: the marker and the probe script together, and nothing else a reader would see.
/// </summary>
internal static class KernelProbeOutput
{
    private const string MarkerIdPrefix = "dotnet-interactive-this-cell-";
    private const string ProbeFunction = "probeAddresses";

    public static bool Is(JsonObject output)
    {
        if (JsonHelpers.AsString(output["output_type"]) != "display_data" || output["data"] is not JsonObject data) return false;
        // text/html is what the report would show of this bundle (it comes first in the display order).
        var html = JsonHelpers.JoinMultiline(data["text/html"]);
        if (!html.Contains(MarkerIdPrefix, StringComparison.Ordinal) || !html.Contains(ProbeFunction, StringComparison.Ordinal)) return false;

        using var document = new HtmlParser().ParseDocument(html);
        var body = document.Body;
        if (body is null) return false;
        var marker = body.QuerySelectorAll("div").FirstOrDefault(e => e.Id?.StartsWith(MarkerIdPrefix, StringComparison.Ordinal) == true);
        var script = body.QuerySelectorAll("script").FirstOrDefault(e => e.TextContent.Contains(ProbeFunction, StringComparison.Ordinal));
        if (marker is null || script is null) return false;
        marker.Remove();
        script.Remove();
        // What is left is the kernel's wrapping div, or the output holds something of the user's and stays.
        return body.QuerySelectorAll("*").All(e => e.LocalName == "div") && string.IsNullOrWhiteSpace(body.TextContent);
    }
}
