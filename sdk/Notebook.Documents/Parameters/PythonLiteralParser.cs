using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>
/// Reads Python literals (ast.literal_eval's subset without complex numbers and bytes) into JSON:
/// int, float, str, True/False/None, list, tuple and set (as arrays), dict (as objects; non-string keys become
/// their Python spelling). A token sequence that is valid Python but not a literal yields <c>IsLiteral = false</c>.
/// </summary>
internal sealed class PythonLiteralParser(List<Token> tokens, int start, int end)
{
    private int _pos = start;

    /// <summary>Parses tokens[start..end) as one literal (a bare tuple "1, 2" included).</summary>
    public static bool TryParse(List<Token> tokens, int start, int end, out JsonNode? value)
    {
        var parser = new PythonLiteralParser(tokens, start, end);
        value = null;
        if (start >= end) return false;
        try
        {
            var first = parser.ParseValue();
            if (parser.AtEnd)
            {
                value = first;
                return true;
            }
            // A bare tuple: 1, 2, 3
            var items = new JsonArray { first };
            while (parser.Accept(","))
            {
                if (parser.AtEnd) break;
                items.Add(parser.ParseValue());
            }
            if (!parser.AtEnd) return false;
            value = items;
            return true;
        }
        catch (NotALiteralException)
        {
            return false;
        }
    }

    /// <summary>Parses a whole text (a command-line value, for example) as one literal.</summary>
    public static bool TryParseText(string text, out JsonNode? value)
    {
        value = null;
        List<Token> tokens;
        try
        {
            tokens = PythonTokenizer.Tokenize(text);
        }
        catch (PythonSyntaxException)
        {
            return false;
        }
        var end = tokens.FindIndex(t => t.Kind is TokenKind.Newline or TokenKind.End);
        if (tokens.Skip(end).Any(t => t.Kind is not (TokenKind.Newline or TokenKind.End))) return false;
        return TryParse(tokens, 0, end, out value);
    }

    private bool AtEnd => _pos >= end;

    private Token Current => _pos < end ? tokens[_pos] : tokens[end];

    private bool Accept(string op)
    {
        if (AtEnd || !Current.Is(TokenKind.Op, op)) return false;
        _pos++;
        return true;
    }

    private void Expect(string op)
    {
        if (!Accept(op)) throw new NotALiteralException();
    }

    private JsonNode? ParseValue()
    {
        if (AtEnd) throw new NotALiteralException();
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Name:
                _pos++;
                return t.Value switch
                {
                    "True" => JsonValue.Create(true),
                    "False" => JsonValue.Create(false),
                    "None" => null,
                    _ => throw new NotALiteralException(),
                };
            case TokenKind.Number:
                _pos++;
                return ParseNumber(t.Value, negative: false);
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Op when t.Value is "-" or "+":
                _pos++;
                if (AtEnd || Current.Kind != TokenKind.Number) throw new NotALiteralException();
                var n = Current;
                _pos++;
                return ParseNumber(n.Value, negative: t.Value == "-");
            case TokenKind.Op when t.Value == "[":
                _pos++;
                return ParseSequence("]", out _);
            case TokenKind.Op when t.Value == "(":
                _pos++;
                var inner = ParseSequence(")", out var sawComma);
                // (x) is x; (x,) and () are tuples.
                return !sawComma && inner.Count == 1 ? inner[0]!.DeepClone() : inner;
            case TokenKind.Op when t.Value == "{":
                _pos++;
                return ParseBraces();
            default:
                throw new NotALiteralException();
        }
    }

    private JsonNode ParseStrings()
    {
        // Adjacent string literals concatenate ("a" "b" == "ab").
        var text = "";
        while (!AtEnd && Current.Kind == TokenKind.String)
        {
            if (Current.Unsupported) throw new NotALiteralException();
            text += Current.Value;
            _pos++;
        }
        return JsonValue.Create(text);
    }

    private JsonArray ParseSequence(string close, out bool sawComma)
    {
        var items = new JsonArray();
        sawComma = false;
        while (!Accept(close))
        {
            items.Add(ParseValue());
            if (Accept(",")) sawComma = true;
            else
            {
                Expect(close);
                break;
            }
        }
        return items;
    }

    private JsonNode ParseBraces()
    {
        if (Accept("}")) return new JsonObject();
        var first = ParseValue();
        if (!Accept(":"))
        {
            // A set literal.
            var set = new JsonArray { first };
            while (Accept(","))
            {
                if (Accept("}")) return set;
                set.Add(ParseValue());
            }
            Expect("}");
            return set;
        }
        var obj = new JsonObject();
        AddEntry(obj, first, ParseValue());
        while (Accept(","))
        {
            if (Accept("}")) return obj;
            var key = ParseValue();
            Expect(":");
            AddEntry(obj, key, ParseValue());
        }
        Expect("}");
        return obj;
    }

    private static void AddEntry(JsonObject obj, JsonNode? key, JsonNode? value)
    {
        var name = key is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? v.GetValue<string>()
            : key is null or JsonValue ? PythonLiteralRenderer.Instance.Render(key) : throw new NotALiteralException();
        obj[name] = value; // A repeated key keeps the last value, as in Python.
    }

    /// <summary>Python numeric literals: 1_000, 0x1F, 0o17, 0b101, 1.5, .5, 1e3; imaginary numbers are not literals here.</summary>
    internal static JsonNode ParseNumber(string text, bool negative)
    {
        var clean = text.Replace("_", "", StringComparison.Ordinal);
        if (clean.EndsWith('j') || clean.EndsWith('J')) throw new NotALiteralException();
        BigInteger integer;
        if (clean.Length > 2 && clean[0] == '0' && char.ToLowerInvariant(clean[1]) is 'x' or 'o' or 'b')
        {
            var radix = char.ToLowerInvariant(clean[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            integer = BigInteger.Zero;
            foreach (var ch in clean[2..])
            {
                var digit = char.IsAsciiDigit(ch) ? ch - '0' : char.IsAsciiLetter(ch) ? char.ToLowerInvariant(ch) - 'a' + 10 : 99;
                if (digit >= radix) throw new NotALiteralException();
                integer = integer * radix + digit;
            }
            return JsonNumbers.Integer(negative ? -integer : integer);
        }
        if (clean.IndexOfAny(['.', 'e', 'E']) < 0)
        {
            if (!BigInteger.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out integer)) throw new NotALiteralException();
            return JsonNumbers.Integer(negative ? -integer : integer);
        }
        if (!double.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            || !double.IsFinite(d))
            throw new NotALiteralException();
        return JsonNumbers.Float(negative ? -d : d);
    }

    internal sealed class NotALiteralException : Exception;
}
