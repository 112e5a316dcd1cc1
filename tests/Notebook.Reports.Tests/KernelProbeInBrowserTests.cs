using System.Text.Json.Nodes;
using Notebook.Documents;
using static Notebook.Reports.Tests.Notebooks;

namespace Notebook.Reports.Tests;

/// <summary>
/// A C# notebook's report with the .NET Interactive kernel's probe in its first cell (the output captured from
/// Microsoft.dotnet-interactive 1.0.712001): the page a reader opens has no trace of it, and an HTML output of the
/// user's that speaks of a probe is there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KernelProbeInBrowserTests(BrowserFixture browser)
{
    private static readonly string ProbeFile =
        Path.Combine(RepoRoot.Path, "tests", "Notebook.Documents.Tests", "Data", "dotnet-interactive-probe-output.json");

    [Fact]
    public async Task The_page_shows_no_trace_of_the_kernels_probe()
    {
        var first = Code("Console.WriteLine(\"csharp\");");
        ((JsonArray)first["outputs"]!).Add(JsonNode.Parse(File.ReadAllText(ProbeFile)));
        ((JsonArray)first["outputs"]!).Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "csharp\n" });
        var second = Code("display(HTML(\"<p class='probe'>The probe found 3 sensors.</p>\"));");
        ((JsonArray)second["outputs"]!).Add(new JsonObject
        {
            ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
            ["data"] = new JsonObject { ["text/html"] = "<p class='probe'>The probe found 3 sensors.</p>" },
        });
        var document = Document(first, second);
        document.Root["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
            ["language_info"] = new JsonObject { ["name"] = "C#" },
        };

        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(document));

        var text = await page.Page.EvaluateAsync<string>("document.body.textContent");
        text.ShouldNotContain("The below script");
        text.ShouldNotContain("probeAddresses");
        (await page.CountAsync("[id^='dotnet-interactive-this-cell']")).ShouldBe(0);
        (await page.CountAsync("#cell-0 .output")).ShouldBe(1);
        (await page.Page.Locator("#cell-0 .output").InnerTextAsync()).ShouldBe("csharp\n");
        (await page.Page.Locator("#cell-1 .output .html p.probe").InnerTextAsync()).ShouldBe("The probe found 3 sensors.");
        page.RequestsLeavingThePage().ShouldBeEmpty();
        (await page.ViolationsAsync()).ShouldBeEmpty();
    }
}
