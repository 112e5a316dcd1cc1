using System.Text.Json.Nodes;
using Notebook.Documents;
using static Notebook.Reports.Tests.Notebooks;

namespace Notebook.Reports.Tests;

/// <summary>Markdown cells as a reader's browser builds them: lists, tables, links, attachments, code, math.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MarkdownInBrowserTests(BrowserFixture browser)
{
    // In the manner of Jupyter's "Working With Markdown Cells" example, written for these tests.
    private const string Showcase = """
        # Working with markdown

        Some *emphasis*, **strong**, ~~struck~~ and `code`, a [link](https://jupyter.org) and www.example.org.

        * level one
            * level two
                1. numbered
                2. second

        > A quote
        > on two lines

        ---

        | Name | Value |
        |------|------:|
        | a    |     1 |
        | b    |     2 |

        - [x] done
        - [ ] to do

        Inline math $e^{i\pi} + 1 = 0$ and display math:

        $$
        \int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}
        $$

        \begin{align}
        \nabla \times \vec{E} &= -\frac{\partial \vec{B}}{\partial t}
        \end{align}

            def indented():
                return "kept"

        ![red square](attachment:red.png) <kbd>Ctrl</kbd>
        """;

    private static NotebookDocument ShowcaseNotebook() => Document(
        Markdown(Showcase, new JsonObject { ["red.png"] = new JsonObject { ["image/png"] = Png } }),
        Markdown("## Second heading\n\ntext"));

    [Fact]
    public async Task Lists_tables_links_quotes_and_task_lists_are_elements()
    {
        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(ShowcaseNotebook()));

        (await page.CountAsync("main ul > li > ul > li > ol > li")).ShouldBe(2);
        (await page.CountAsync("main table td")).ShouldBe(4);
        (await page.Page.Locator("main table td").Nth(3).TextContentAsync()).ShouldBe("2");
        (await page.Page.Locator("main a[href='https://jupyter.org']").TextContentAsync()).ShouldBe("link");
        (await page.CountAsync("main a[href='http://www.example.org']")).ShouldBe(1);
        (await page.CountAsync("main blockquote p")).ShouldBe(1);
        (await page.CountAsync("main hr")).ShouldBe(1);
        (await page.CountAsync("main del")).ShouldBe(1);
        (await page.CountAsync("main input[type=checkbox][checked]")).ShouldBe(1);
        (await page.CountAsync("main kbd")).ShouldBe(1);
        (await page.Page.Locator("main pre code").Last.TextContentAsync()).ShouldBe("def indented():\n    return \"kept\"\n");
        (await page.CountAsync("nav.toc a[href='#second-heading']")).ShouldBe(1);
    }

    [Fact]
    public async Task An_attachment_image_loads_from_the_page_itself()
    {
        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(ShowcaseNotebook()));

        var width = await page.Page.EvaluateAsync<int>("document.querySelector('img[alt=\"red square\"]').naturalWidth");
        width.ShouldBe(2);
        page.RequestsLeavingThePage().ShouldBeEmpty();
    }

    [Fact]
    public async Task Math_is_typeset_with_no_request_and_no_policy_violation()
    {
        await using var page = await ReportPage.OpenAsync(browser.Browser, HtmlReportRenderer.Render(ShowcaseNotebook()));

        (await page.CountAsync(".math")).ShouldBe(3);
        (await page.CountAsync(".math.rendered .katex")).ShouldBe(3);
        (await page.CountAsync(".math.rendered .katex-display")).ShouldBe(2);
        (await page.CountAsync(".katex-mathml math")).ShouldBe(3);
        (await page.CountAsync(".katex-error")).ShouldBe(0);
        (await page.Page.EvaluateAsync<bool>("[...document.fonts].some(f => f.family.includes('KaTeX_Main') && f.status === 'loaded')")).ShouldBeTrue();
        page.RequestsLeavingThePage().ShouldBeEmpty();
        (await page.ViolationsAsync()).ShouldBeEmpty();
    }
}
