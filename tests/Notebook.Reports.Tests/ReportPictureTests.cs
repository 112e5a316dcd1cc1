using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Notebook.Documents;
using static Notebook.Reports.Tests.Notebooks;

namespace Notebook.Reports.Tests;

/// <summary>
/// The README's picture: a sample with markdown, highlighted code, a table, a chart, math and an error, executed on
/// the real ipykernel, rendered and photographed by chromium. Kept as artifacts/reports/report.png; with
/// UPDATE_DOCS=1 also written to docs/report.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPictureTests(BrowserFixture browser)
{
    private const int Width = 1100;

    [Fact]
    public async Task The_sample_report_photographs_with_its_chart_math_and_error()
    {
        var document = Document(
            Markdown("""
                # Regional sales

                The weekly figures by region, with the **target** from the plan:
                $\text{target} = \bar{x} + 2\sigma$.

                | region | owner | status |
                |--------|-------|--------|
                | north  | Ada   | ✓ on track |
                | south  | Alan  | needs data |
                """),
            Code("""
                from IPython.display import HTML, SVG, Math

                sales = {"north": 120, "east": 95, "west": 70, "south": 40}
                bars = "".join(
                    f'<rect x="{30 + i * 70}" y="{140 - v}" width="50" height="{v}" fill="rgb(40,110,200)"/>'
                    f'<text x="{55 + i * 70}" y="158" font-size="12" text-anchor="middle">{name}</text>'
                    for i, (name, v) in enumerate(sales.items()))
                SVG(f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="165">{bars}</svg>')
                """),
            Code("Math(r'\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i = ' + str(sum(sales.values()) / len(sales)))"),
            Code("""
                rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in sales.items())
                HTML(f"<table><thead><tr><th>region</th><th>sales</th></tr></thead><tbody>{rows}</tbody></table>")
                """),
            Markdown("## Checks\n\nEach region must be above the alert level."),
            Code("""
                def check(region: str) -> None:
                    if sales[region] < 50:
                        raise ValueError(f"{region}: sales below the alert level")  # stops the run

                check("south")
                """));
        var started = DateTimeOffset.UtcNow;
        var result = await ExecuteAsync(document);
        result.FailedCellIndex.ShouldBe(5);

        var info = new ReportInfo("regional-sales.ipynb", "failed: cell 5 raised ValueError",
            [new("region", JsonValue.Create("south")), new("token", JsonValue.Create("***"))], DateTimeOffset.UtcNow - started, started)
        {
            FailedCellIndex = 5, Kernel = "python3",
        };
        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(document, info), Width, 800);
        (await page.CountAsync(".math.rendered")).ShouldBe(2);
        var png = Path.Combine(RepoRoot.Path, "artifacts", "reports", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        var bytes = await page.Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = png });

        var image = await page.Page.EvaluateAsync<int[]>("""
            async (b64) => {
              const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
              const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
              const g = c.getContext('2d'); g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, c.width, c.height).data;
              let blue = 0, red = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i] === 40 && d[i + 1] === 110 && d[i + 2] === 200) blue++;
                if (d[i] > 150 && d[i + 1] < 90 && d[i + 2] < 90) red++;
              }
              return [img.width, blue, red];
            }
            """, Convert.ToBase64String(bytes));
        image[0].ShouldBe(Width);
        image[1].ShouldBeGreaterThan(1000, "the chart's bars (RGB 40,110,200) are not in the picture");
        image[2].ShouldBeGreaterThan(100, "nothing in the picture is marked as failed in red");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.Copy(png, Path.Combine(RepoRoot.Path, "docs", "report.png"), overwrite: true);
    }
}
