using Notebook.E2E;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The report as a person sees it: the HTML of a run with a table, a chart and an error, rendered by headless
/// Debian chromium. The screenshot is kept in artifacts/e2e/report.png (docs/report.png is a copy of one).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ReportScreenshotTests(EngineFixture fixture)
{
    private const int Width = 1200;
    // Tall enough for the whole report of a failed run (the error is the last cell).
    private const int Height = 2000;

    [Fact]
    public async Task The_report_of_a_failed_run_renders_with_table_chart_and_error()
    {
        var image = await fixture.GetReportImageAsync();
        using var output = ReportImage.NewOutputFolder();
        var run = await image.RunAsync(output, "-p", "region=south", "-p", "fail=true");
        run.ExitCode.ShouldBe(1, run.Output);
        var html = Path.Combine(output.Path, "report.html");

        var screenshot = await ScreenshotAsync(html);
        try
        {
            CheckScreenshot(screenshot);
        }
        finally
        {
            var kept = Path.Combine(Repo.Root, "artifacts", "e2e", "report.png");
            Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            File.Copy(screenshot, kept, overwrite: true);
            Directory.Delete(Path.GetDirectoryName(screenshot)!, recursive: true);
        }
    }

    private static void CheckScreenshot(string screenshot)
    {

        var png = PngImage.Read(screenshot);
        png.Width.ShouldBe(Width);
        png.Height.ShouldBe(Height);
        var inked = 0;
        var chartBlue = 0;
        var red = 0;
        for (var y = 0; y < png.Height; y++)
        for (var x = 0; x < png.Width; x++)
        {
            var (r, g, b) = png[x, y];
            if (r < 230 || g < 230 || b < 230) inked++;
            if ((r, g, b) == (40, 110, 200)) chartBlue++;
            if (r > 150 && g < 90 && b < 90) red++;
        }
        inked.ShouldBeGreaterThan(Width * Height / 100, "the page is (almost) blank");
        chartBlue.ShouldBeGreaterThan(1000, "the chart's bars (RGB 40,110,200) are not on the page");
        red.ShouldBeGreaterThan(100, "nothing on the page is marked as failed in red");
    }

    private static async Task<string> ScreenshotAsync(string htmlFile)
    {
        var chromium = Command.Require("chromium", "apt-get install chromium");
        var work = Directory.CreateTempSubdirectory("nbe2e-chromium-").FullName;
        var screenshot = Path.Combine(work, "report.png");
        var result = await Command.RunAsync(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            $"--user-data-dir={Path.Combine(work, "profile")}", $"--screenshot={screenshot}",
            $"--window-size={Width},{Height}", "file://" + htmlFile,
        ], TimeSpan.FromMinutes(2));
        File.Exists(screenshot).ShouldBeTrue($"chromium wrote no screenshot (exit {result.ExitCode}):\n{result.Output}");
        return screenshot;
    }
}
