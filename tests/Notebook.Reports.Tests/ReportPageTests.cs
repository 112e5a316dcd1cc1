namespace Notebook.Reports.Tests;

/// <summary>The watch the browser tests rely on sees what it must: a request leaving the page, a blocked load, a script that ran.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_that_reaches_out_is_caught()
    {
        // An unsafe page, written by hand: one image the CSP blocks, one it lets through to a closed local port, one inline script.
        const string html = """
            <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="img-src http://127.0.0.1:9; script-src 'unsafe-inline'"></head>
            <body><img src="http://127.0.0.2:9/blocked.png"><img src="http://127.0.0.1:9/allowed.png"><script>alert('ran')</script></body></html>
            """;
        await using var page = await ReportPage.OpenAsync(browser.Browser, html);

        page.RequestsLeavingThePage().ShouldContain("http://127.0.0.1:9/allowed.png");
        (await page.ViolationsAsync()).ShouldContain(v => v.StartsWith("img-src", StringComparison.Ordinal));
        page.Dialogs.ShouldBe(["ran"]);
    }
}
