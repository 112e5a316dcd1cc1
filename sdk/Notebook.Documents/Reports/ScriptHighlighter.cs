using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>
/// R and shell (bash, the kernels' usual names), which ColorCode does not know: both comment with <c>#</c> and quote
/// with ' and ", so one small lexer serves both with each language's keywords; shell also marks <c>$VAR</c>.
/// Unrecognised text stays plain and escaped.
/// </summary>
internal static partial class ScriptHighlighter
{
    private static readonly HashSet<string> RKeywords =
        ["if", "else", "repeat", "while", "function", "for", "in", "next", "break", "return", "library", "require"];

    private static readonly HashSet<string> RConstants = ["TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "T", "F"];

    private static readonly HashSet<string> ShellKeywords =
    [
        "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case", "esac", "function",
        "return", "export", "local", "set", "unset", "echo", "cd", "source", "exit", "read",
    ];

    public static bool Knows(string? language) => Normalize(language) is not null;

    public static string Highlight(string source, string? language)
    {
        var shell = Normalize(language) == "shell";
        var sb = new StringBuilder(source.Length * 2);
        var last = 0;
        foreach (Match m in Token().Matches(source))
        {
            sb.Append(WebUtility.HtmlEncode(source[last..m.Index]));
            last = m.Index + m.Length;
            string? cls = m.Groups["comment"].Success ? "comment"
                : m.Groups["string"].Success ? "string"
                : m.Groups["variable"].Success ? (shell ? "builtin" : null)
                : m.Groups["number"].Success ? "number"
                : m.Groups["name"].Success ? Name(m.Value, shell)
                : "operator";
            if (cls is null) sb.Append(WebUtility.HtmlEncode(m.Value));
            else sb.Append("<span class=\"tok-").Append(cls).Append("\">").Append(WebUtility.HtmlEncode(m.Value)).Append("</span>");
        }
        sb.Append(WebUtility.HtmlEncode(source[last..]));
        return sb.ToString();
    }

    private static string? Name(string name, bool shell) =>
        shell ? (ShellKeywords.Contains(name) ? "keyword" : null)
        : RKeywords.Contains(name) ? "keyword" : RConstants.Contains(name) ? "constant" : null;

    private static string? Normalize(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        "r" => "r",
        "bash" or "sh" or "shell" or "zsh" or "console" => "shell",
        _ => null,
    };

    [GeneratedRegex("""
        (?<comment>(?<![\w$])\#[^\n]*)
        |(?<string>'[^']*'?|"(?:\\.|[^"\\])*"?)
        |(?<variable>\$\{[^}\n]*\}?|\$[\w@#?*!$-])
        |(?<number>\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?L?\b)
        |(?<name>\b[A-Za-z_][\w.]*\b)
        |(?<op><-|->|<<-|\|\||&&|%>%|\|>|[|&;<>=!~^+*/-]+)
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Token();
}
