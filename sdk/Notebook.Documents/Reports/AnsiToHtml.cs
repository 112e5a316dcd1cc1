using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>Turns text with ANSI SGR colour codes (IPython tracebacks) into escaped HTML with spans; other escape sequences are dropped.</summary>
internal static partial class AnsiToHtml
{
    private static readonly string[] Colors = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

    public static string Convert(string text)
    {
        var sb = new StringBuilder();
        string? color = null;
        var bold = false;
        var open = false;
        var last = 0;
        foreach (Match m in Escape().Matches(text))
        {
            Append(sb, text[last..m.Index], open);
            last = m.Index + m.Length;
            if (m.Groups["final"].Value != "m") continue;
            var codes = m.Groups["params"].Value.Split(';', StringSplitOptions.None);
            foreach (var code in codes)
            {
                var n = code.Length == 0 ? 0 : int.TryParse(code, out var v) ? v : -1;
                switch (n)
                {
                    case 0: color = null; bold = false; break;
                    case 1: bold = true; break;
                    case 22: bold = false; break;
                    case >= 30 and <= 37: color = Colors[n - 30]; break;
                    case >= 90 and <= 97: color = "bright-" + Colors[n - 90]; break;
                    case 39: color = null; break;
                }
            }
            if (open) sb.Append("</span>");
            open = color is not null || bold;
            if (open) sb.Append("<span class=\"").Append(color is null ? "" : "ansi-" + color).Append(bold ? " ansi-bold" : "").Append("\">");
        }
        Append(sb, text[last..], open);
        if (open) sb.Append("</span>");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string text, bool _) => sb.Append(WebUtility.HtmlEncode(StripControl(text)));

    private static string StripControl(string text) => Control().Replace(text, "");

    // CSI sequences: ESC [ params final-byte.
    [GeneratedRegex(@"\x1b\[(?<params>[0-9;?]*)(?<final>[@-~])")]
    private static partial Regex Escape();

    // Stray escape/control characters that a browser would not show usefully (tab and newline stay).
    [GeneratedRegex(@"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")]
    private static partial Regex Control();
}
