using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>
/// What papermill's <c>-p NAME VALUE</c> makes of a text (papermill/cli.py, <c>_resolve_type</c>): "True", "False"
/// and "None" are those values; a text Python's <c>int()</c> reads is an int; one <c>float()</c> reads is a float;
/// anything else stays the text itself, quotes included (<c>-p msg '"Hello"'</c> is the string <c>"Hello"</c>).
/// Used for parameters that declare no type, so that existing papermill invocations keep their meaning.
/// </summary>
public static partial class PapermillValues
{
    public static JsonNode? Resolve(string text)
    {
        switch (text)
        {
            case "True":
                return JsonValue.Create(true);
            case "False":
                return JsonValue.Create(false);
            case "None":
                return null;
        }

        var trimmed = text.Trim(PythonWhitespace);
        if (IntPattern().IsMatch(trimmed)
            && BigInteger.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonNumbers.Integer(integer);
        }

        // float('nan') and float('inf') have no JSON form: such texts stay strings (a documented difference).
        if (FloatPattern().IsMatch(trimmed)
            && double.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonNumbers.Float(d);
        }

        return JsonValue.Create(text);
    }

    // str.strip() and int()/float() skip ASCII whitespace and more; these are the ones a command line can carry.
    private static readonly char[] PythonWhitespace = [' ', '\t', '\n', '\r', '\v', '\f'];

    // Python's int(): optional sign, decimal digits, single underscores only between digits.
    [GeneratedRegex(@"^[+-]?[0-9](?:_?[0-9])*$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    // Python's float() for finite decimals: digits with single underscores, optional fraction and exponent.
    [GeneratedRegex(@"^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
