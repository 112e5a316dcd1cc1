using Microsoft.Playwright;

namespace Notebook.Reports.Tests;

/// <summary>
/// A report written to a temp file and opened from disk in a fresh browser context, with a record of every request
/// the page made, every Content-Security-Policy violation and every dialog (a script that ran would open one).
/// </summary>
public sealed class ReportPage : IAsyncDisposable
{
    // Runs before any script of the page (Playwright evaluates it outside the page's CSP).
    private const string Watch = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private readonly IBrowserContext _context;
    private readonly string _folder;

    private ReportPage(IBrowserContext context, IPage page, string folder, string url)
    {
        _context = context;
        Page = page;
        _folder = folder;
        Url = url;
    }

    public IPage Page { get; }

    public string Url { get; }

    public List<string> Requests { get; } = [];

    public List<string> Dialogs { get; } = [];

    public static async Task<ReportPage> OpenAsync(IBrowser browser, string html, int width = 1200, int height = 900)
    {
        var folder = Directory.CreateTempSubdirectory("nbreport-").FullName;
        var file = Path.Combine(folder, "report.html");
        await File.WriteAllTextAsync(file, html);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.AddInitScriptAsync(Watch);
        var page = await context.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var report = new ReportPage(context, page, folder, url);
        page.Request += (_, request) => { lock (report.Requests) report.Requests.Add(request.Url); };
        page.Dialog += async (_, dialog) => { lock (report.Dialogs) report.Dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("document.fonts.ready.then(() => true)");
        return report;
    }

    /// <summary>Requests other than the report file itself and data: URIs (which never leave the page).</summary>
    public IReadOnlyList<string> RequestsLeavingThePage()
    {
        lock (Requests) return Requests.Where(u => u != Url && !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
    }

    public Task<string[]> ViolationsAsync() => Page.EvaluateAsync<string[]>("window.__violations");

    public Task<int> CountAsync(string selector) => Page.Locator(selector).CountAsync();

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
