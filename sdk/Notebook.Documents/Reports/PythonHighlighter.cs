using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>
/// Python (and IPython) source as escaped HTML with token spans, in the spirit of Pygments' Python lexer:
/// keywords, builtins, strings (prefixes, triple quotes), comments, numbers, decorators, the names after def and
/// class, and IPython's <c>%magic</c> and <c>!shell</c> lines. One pass of one regular expression; text it does not
/// recognise stays plain, so no input can break the markup.
/// </summary>
internal static partial class PythonHighlighter
{
    private static readonly HashSet<string> Keywords =
    [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield", "match", "case",
    ];

    private static readonly HashSet<string> Constants = ["True", "False", "None"];

    private static readonly HashSet<string> Builtins =
    [
        "abs", "all", "any", "bool", "bytes", "callable", "chr", "dict", "dir", "divmod", "enumerate", "eval", "filter",
        "float", "format", "frozenset", "getattr", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
        "issubclass", "iter", "len", "list", "map", "max", "min", "next", "object", "open", "ord", "pow", "print",
        "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "str", "sum", "super", "tuple",
        "type", "vars", "zip", "self", "cls", "display",
    ];

    public static string Highlight(string source)
    {
        var sb = new StringBuilder(source.Length * 2);
        var last = 0;
        string? pendingName = null;
        foreach (Match m in Token().Matches(source))
        {
            sb.Append(WebUtility.HtmlEncode(source[last..m.Index]));
            last = m.Index + m.Length;
            var text = m.Value;
            string? cls;
            if (m.Groups["comment"].Success) cls = "comment";
            else if (m.Groups["string"].Success) cls = "string";
            else if (m.Groups["number"].Success) cls = "number";
            else if (m.Groups["decorator"].Success) cls = "decorator";
            else if (m.Groups["magic"].Success) cls = "magic";
            else if (m.Groups["name"].Success)
            {
                if (pendingName is not null) { cls = pendingName; pendingName = null; }
                else if (m.Index > 0 && source[m.Index - 1] == '.') cls = null; // an attribute, even when named like a builtin
                else if (Keywords.Contains(text)) { cls = "keyword"; pendingName = text is "def" ? "function" : text is "class" ? "class-name" : null; }
                else if (Constants.Contains(text)) cls = "constant";
                else if (Builtins.Contains(text)) cls = "builtin";
                else cls = null;
            }
            else cls = "operator";
            if (cls is null) sb.Append(WebUtility.HtmlEncode(text));
            else sb.Append("<span class=\"tok-").Append(cls).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
        }
        sb.Append(WebUtility.HtmlEncode(source[last..]));
        return sb.ToString();
    }

    [GeneratedRegex("""
        (?<comment>\#[^\n]*)
        |(?<string>(?i:[rbuf]{0,2})(?:'''[\s\S]*?(?:'''|\z)|\"\"\"[\s\S]*?(?:\"\"\"|\z)|'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))
        |(?<number>\b(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)\b)
        |(?<decorator>(?m:^[ \t]*)@[\w.]+)
        |(?<magic>(?m:^[ \t]*)(?:%%?|!)[^\n]*)
        |(?<name>\b[A-Za-z_]\w*\b)
        |(?<op>[-+*/%=<>!&|^~@:]+)
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Token();
}
