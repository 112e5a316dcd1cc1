using System.Net;
using ColorCode;

namespace Notebook.Documents;

/// <summary>
/// Syntax highlighting done when the report is written (no script in the page): ColorCode's tokenizers for the
/// notebook's language (Python by the report's own <see cref="PythonHighlighter"/>, R and shell by
/// <see cref="ScriptHighlighter"/>), as spans with classes the report's stylesheet colours. Any other language is
/// shown as escaped plain text.
/// </summary>
internal static class CodeHighlighter
{
    private static readonly HtmlClassFormatter Formatter = new();

    /// <summary>The inner HTML of a pre element: escaped source with token spans.</summary>
    public static string Highlight(string source, string? language)
    {
        if (IsPython(language)) return PythonHighlighter.Highlight(source);
        if (ScriptHighlighter.Knows(language)) return ScriptHighlighter.Highlight(source, language);
        var lang = Find(language);
        if (lang is null || source.Length == 0) return WebUtility.HtmlEncode(source);
        // The formatter wraps the code as <div class="lang"><pre>\n ... \n</pre></div>; keep the inside.
        var html = Formatter.GetHtmlString(source, lang);
        var start = html.IndexOf("<pre>", StringComparison.Ordinal);
        var end = html.LastIndexOf("</pre>", StringComparison.Ordinal);
        if (start < 0 || end < start) return WebUtility.HtmlEncode(source);
        var inner = html[(start + "<pre>".Length)..end];
        if (inner.StartsWith('\n')) inner = inner[1..];
        if (inner.EndsWith('\n') && !source.EndsWith('\n')) inner = inner[..^1];
        return inner;
    }

    /// <summary>True when <see cref="Highlight"/> colours this language.</summary>
    public static bool Knows(string? language) => IsPython(language) || ScriptHighlighter.Knows(language) || Find(language) is not null;

    private static bool IsPython(string? language) => language?.Trim().ToLowerInvariant() is "python" or "python3" or "py" or "ipython" or "ipython3";

    /// <summary>ColorCode's language for a kernel language name (<c>language_info.name</c> or a fence's info string).</summary>
    public static ILanguage? Find(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        "c#" or "csharp" or "cs" or "c#-script" => Languages.CSharp,
        "f#" or "fsharp" => Languages.FSharp,
        "sql" => Languages.Sql,
        "powershell" or "pwsh" or "ps1" => Languages.PowerShell,
        "javascript" or "js" => Languages.JavaScript,
        "typescript" or "ts" => Languages.Typescript,
        "java" => Languages.Java,
        "c++" or "cpp" or "c" => Languages.Cpp,
        "php" => Languages.Php,
        "haskell" => Languages.Haskell,
        "html" => Languages.Html,
        "xml" => Languages.Xml,
        "css" => Languages.Css,
        "matlab" => Languages.MATLAB,
        "fortran" => Languages.Fortran,
        _ => null,
    };
}
