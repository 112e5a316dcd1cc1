namespace Notebook.Documents;

/// <summary>The report's one stylesheet, inline in the page: layout close to nbconvert's lab template, GitHub-like markdown, token colours.</summary>
internal static class ReportStyles
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem 2rem; color: #1b1f23; line-height: 1.5; }
        header h1 { margin-bottom: .5rem; }
        table.summary { border-collapse: collapse; margin-bottom: 1rem; }
        table.summary th { text-align: left; padding: .2rem 1rem .2rem 0; vertical-align: top; color: #57606a; font-weight: 600; }
        table.summary td { padding: .2rem 0; }
        table.parameters td { padding: 0 1rem 0 0; }
        .status.ok { color: #1a7f37; font-weight: 600; }
        .status.failed { color: #cf222e; font-weight: 600; }
        a.failed-cell { text-decoration: underline; text-decoration-color: #cf222e; }
        nav.toc { border: 1px solid #d0d7de; border-radius: 6px; padding: .25rem .75rem; margin-bottom: 1.5rem; font-size: .9rem; }
        nav.toc summary { cursor: pointer; font-weight: 600; color: #57606a; }
        nav.toc ul { list-style: none; padding-left: 0; margin: .25rem 0; }
        .toc-level-2 { padding-left: 1rem; } .toc-level-3 { padding-left: 2rem; } .toc-level-4, .toc-level-5, .toc-level-6 { padding-left: 3rem; }
        .cell { margin: .75rem 0; }
        .cell.failed { border-left: 3px solid #cf222e; padding-left: .5rem; }
        .prompt { color: #57606a; font-family: ui-monospace, monospace; font-size: .8rem; }
        .duration { margin-left: .75rem; color: #8c959f; }
        pre { background: #f6f8fa; padding: .5rem .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: .25rem 0; }
        pre.source { border-left: 3px solid #0969da; }
        pre.stderr { background: #fff5f5; }
        pre.error { background: #ffebe9; }
        details.folded > summary { cursor: pointer; color: #57606a; font-size: .85rem; }
        .note { color: #7d4e00; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: .25rem .5rem; margin: .25rem 0; font-size: .9rem; }
        .output img, .markdown img { max-width: 100%; }
        .html { overflow-x: auto; }
        .markdown blockquote { margin: .5rem 0; padding: 0 1rem; color: #57606a; border-left: .25em solid #d0d7de; }
        .markdown table, .html table { border-collapse: collapse; margin: .5rem 0; }
        .markdown th, .markdown td { border: 1px solid #d0d7de; padding: .25rem .75rem; }
        .html th, .html td { padding: .25rem .5rem; text-align: right; border-bottom: 1px solid #d8dee4; }
        .markdown hr { border: 0; border-top: 1px solid #d0d7de; }
        .markdown code { background: #eff1f3; padding: .1em .3em; border-radius: 4px; font-size: 90%; }
        .markdown pre code { background: none; padding: 0; font-size: 100%; }
        .markdown li.task-list-item { list-style: none; }
        .markdown .math.display, .output .math.display { overflow-x: auto; }
        .tok-keyword, .keyword { color: #cf222e; } .tok-constant { color: #0550ae; } .tok-builtin { color: #8250df; }
        .tok-string, .string { color: #0a3069; } .tok-comment, .comment { color: #6e7781; font-style: italic; }
        .tok-number, .number { color: #0550ae; } .tok-decorator { color: #8250df; } .tok-function, .tok-class-name { color: #8250df; font-weight: 600; }
        .tok-magic { color: #953800; } .tok-operator { color: #0550ae; } .preprocessorKeyword { color: #cf222e; } .className { color: #8250df; }
        .ansi-bold { font-weight: bold; }
        .ansi-black { color: #24292f; } .ansi-red { color: #cf222e; } .ansi-green { color: #116329; } .ansi-yellow { color: #7d4e00; }
        .ansi-blue { color: #0550ae; } .ansi-magenta { color: #8250df; } .ansi-cyan { color: #1b7c83; } .ansi-white { color: #6e7781; }
        .ansi-bright-black { color: #57606a; } .ansi-bright-red { color: #a40e26; } .ansi-bright-green { color: #1a7f37; } .ansi-bright-yellow { color: #633c01; }
        .ansi-bright-blue { color: #218bff; } .ansi-bright-magenta { color: #a475f9; } .ansi-bright-cyan { color: #3192aa; } .ansi-bright-white { color: #8c959f; }

        """;
}
