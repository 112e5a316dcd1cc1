using System.Globalization;
using System.Text;

namespace Notebook.Documents;

internal enum TokenKind
{
    Name,
    Number,
    String,
    Op,
    Comment,
    Newline,
    End,
}

/// <summary>A token of the Python subset; <see cref="Value"/> is the decoded text of strings, the spelling otherwise.</summary>
internal sealed record Token(TokenKind Kind, string Value, int Line, int Start, int End, string Prefix = "", bool Unsupported = false)
{
    public bool Is(TokenKind kind, string value) => Kind == kind && Value == value;
}

/// <summary>Thrown for source the tokenizer cannot read; <see cref="Line"/> is 1-based within the source.</summary>
internal sealed class PythonSyntaxException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// Tokenizes the Python subset a parameters cell uses (Python reference, "Lexical analysis"): names, numbers,
/// strings with prefixes and escapes, operators, comments, and logical newlines (none inside brackets, where
/// comments are dropped too; a backslash at the end of a line joins lines).
/// </summary>
internal sealed class PythonTokenizer(string source)
{
    private int _pos;
    private int _line = 1;
    private int _depth;
    private readonly Stack<int> _openLines = new();

    public static List<Token> Tokenize(string source) => new PythonTokenizer(source).Run();

    private List<Token> Run()
    {
        var tokens = new List<Token>();
        while (_pos < source.Length)
        {
            var c = source[_pos];
            if (c == '\n')
            {
                if (_depth == 0 && tokens.Count > 0 && tokens[^1].Kind != TokenKind.Newline)
                    tokens.Add(new Token(TokenKind.Newline, "\n", _line, _pos, _pos + 1));
                _pos++;
                _line++;
                continue;
            }
            if (c is ' ' or '\t' or '\r' or '\f')
            {
                _pos++;
                continue;
            }
            if (c == '\\' && Peek(1) is '\n' || c == '\\' && Peek(1) == '\r' && Peek(2) == '\n')
            {
                _pos += Peek(1) == '\r' ? 3 : 2;
                _line++;
                continue;
            }
            if (c == '#')
            {
                var end = source.IndexOf('\n', _pos);
                if (end < 0) end = source.Length;
                if (_depth == 0) tokens.Add(new Token(TokenKind.Comment, source[(_pos + 1)..end].TrimEnd('\r'), _line, _pos, end));
                _pos = end;
                continue;
            }
            var start = _pos;
            if (char.IsLetter(c) || c == '_')
            {
                while (_pos < source.Length && (char.IsLetterOrDigit(source[_pos]) || source[_pos] == '_')) _pos++;
                var word = source[start.._pos];
                if (_pos < source.Length && source[_pos] is '"' or '\'' && IsStringPrefix(word))
                {
                    tokens.Add(ReadString(start, word.ToLowerInvariant()));
                    continue;
                }
                tokens.Add(new Token(TokenKind.Name, word, _line, start, _pos));
                continue;
            }
            if (c is '"' or '\'')
            {
                tokens.Add(ReadString(start, ""));
                continue;
            }
            if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(Peek(1)))
            {
                tokens.Add(ReadNumber(start));
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                _depth++;
                _openLines.Push(_line);
            }
            if (c is ')' or ']' or '}')
            {
                if (_depth == 0) throw new PythonSyntaxException(_line, $"unmatched '{c}'");
                _depth--;
                _openLines.Pop();
            }
            // Two-character operators matter only so that "==", "**", "->" are not misread as "=" or "*".
            var two = _pos + 1 < source.Length ? source.Substring(_pos, 2) : "";
            if (two is "==" or "!=" or "<=" or ">=" or "**" or "//" or "->" or ":=" or "<<" or ">>")
            {
                _pos += 2;
                tokens.Add(new Token(TokenKind.Op, two, _line, start, _pos));
                continue;
            }
            _pos++;
            tokens.Add(new Token(TokenKind.Op, c.ToString(), _line, start, _pos));
        }
        if (_depth > 0) throw new PythonSyntaxException(_openLines.Peek(), "a bracket is opened here but never closed");
        if (tokens.Count > 0 && tokens[^1].Kind != TokenKind.Newline) tokens.Add(new Token(TokenKind.Newline, "", _line, _pos, _pos));
        tokens.Add(new Token(TokenKind.End, "", _line, _pos, _pos));
        return tokens;
    }

    private char Peek(int offset) => _pos + offset < source.Length ? source[_pos + offset] : '\0';

    private static bool IsStringPrefix(string word) =>
        word.ToLowerInvariant() is "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf";

    private Token ReadNumber(int start)
    {
        while (_pos < source.Length)
        {
            var c = source[_pos];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.') _pos++;
            // An exponent sign: 1e-3, 1E+3 (not 0x1e+3, where "e" is a hex digit).
            else if (c is '+' or '-' && source[_pos - 1] is 'e' or 'E' && !source[start.._pos].StartsWith("0x", StringComparison.OrdinalIgnoreCase)) _pos++;
            else break;
        }
        return new Token(TokenKind.Number, source[start.._pos], _line, start, _pos);
    }

    private Token ReadString(int start, string prefix)
    {
        var line = _line;
        var quote = source[_pos];
        var triple = Peek(1) == quote && Peek(2) == quote;
        _pos += triple ? 3 : 1;
        var raw = prefix.Contains('r');
        var unsupported = prefix.Contains('b') || prefix.Contains('f');
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= source.Length) throw new PythonSyntaxException(line, "a string is opened but never closed");
            var c = source[_pos];
            if (c == quote && (!triple || Peek(1) == quote && Peek(2) == quote))
            {
                _pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n')
            {
                if (!triple) throw new PythonSyntaxException(line, "a string is opened but never closed on its line (use triple quotes for text over several lines)");
                _line++;
            }
            if (c == '\\' && _pos + 1 < source.Length)
            {
                if (raw)
                {
                    // In raw strings a backslash still keeps the next character from ending the string, and both stay.
                    sb.Append(c).Append(source[_pos + 1]);
                    if (source[_pos + 1] == '\n') _line++;
                    _pos += 2;
                    continue;
                }
                if (!ReadEscape(sb)) unsupported = true;
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        return new Token(TokenKind.String, sb.ToString(), line, start, _pos, prefix, unsupported);
    }

    /// <summary>Decodes one escape sequence at _pos (a backslash); false for \N{...}, which needs Unicode names.</summary>
    private bool ReadEscape(StringBuilder sb)
    {
        var e = source[_pos + 1];
        _pos += 2;
        switch (e)
        {
            case '\n': _line++; return true;
            case '\r' when Peek(0) == '\n': _pos++; _line++; return true;
            case '\\': sb.Append('\\'); return true;
            case '\'': sb.Append('\''); return true;
            case '"': sb.Append('"'); return true;
            case 'a': sb.Append('\a'); return true;
            case 'b': sb.Append('\b'); return true;
            case 'f': sb.Append('\f'); return true;
            case 'n': sb.Append('\n'); return true;
            case 'r': sb.Append('\r'); return true;
            case 't': sb.Append('\t'); return true;
            case 'v': sb.Append('\v'); return true;
            case 'x': return AppendHex(sb, 2);
            case 'u': return AppendHex(sb, 4);
            case 'U': return AppendHex(sb, 8);
            case 'N':
                var close = source.IndexOf('}', _pos);
                if (close > 0) _pos = close + 1;
                return false;
            case >= '0' and <= '7':
                var value = e - '0';
                for (var i = 0; i < 2 && Peek(0) is >= '0' and <= '7'; i++, _pos++) value = value * 8 + (source[_pos] - '0');
                sb.Append((char)value);
                return true;
            default:
                // Unknown escapes keep their backslash (Python warns but keeps both characters).
                sb.Append('\\').Append(e);
                return true;
        }
    }

    private bool AppendHex(StringBuilder sb, int digits)
    {
        if (_pos + digits > source.Length || !int.TryParse(source.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            throw new PythonSyntaxException(_line, $"a \\{(digits == 2 ? "x" : digits == 4 ? "u" : "U")} escape needs {digits} hex digits");
        _pos += digits;
        if (code > 0x10FFFF) throw new PythonSyntaxException(_line, "a \\U escape is beyond U+10FFFF");
        if (code >= 0x10000) sb.Append(char.ConvertFromUtf32(code));
        else sb.Append((char)code);
        return true;
    }
}
