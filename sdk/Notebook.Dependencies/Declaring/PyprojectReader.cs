using System.Globalization;
using System.Text;

namespace Notebook.Dependencies;

/// <summary>
/// Reads the <c>[project] dependencies</c> array of a pyproject.toml (PEP 621). A small TOML reader, enough to
/// walk any valid file: tables, dotted and quoted keys, basic/literal/multi-line strings, arrays over several
/// lines, inline tables, comments. Values other than that one array are skipped, not interpreted.
/// </summary>
public sealed class PyprojectReader
{
    private readonly string _text;
    private readonly string _path;
    private int _pos;
    private int _line = 1;

    private PyprojectReader(string text, string path)
    {
        _text = text.Replace("\r\n", "\n");
        _path = path;
    }

    /// <summary>The dependencies as requirements, each pointing at its line; empty when the table or key is absent.</summary>
    public static IReadOnlyList<Requirement> ReadDependencies(string path)
    {
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full);
    }

    public static IReadOnlyList<Requirement> Parse(string text, string path) => new PyprojectReader(text, path).Run();

    private List<Requirement> Run()
    {
        var result = new List<Requirement>();
        var table = "";
        while (true)
        {
            SkipTrivia(newlines: true);
            if (_pos >= _text.Length) return result;
            if (_text[_pos] == '[')
            {
                var array = Peek(1) == '[';
                _pos += array ? 2 : 1;
                table = ReadKey(']');
                Expect(']');
                if (array) Expect(']');
                continue;
            }
            var key = ReadKey('=');
            Expect('=');
            SkipTrivia(newlines: false);
            var fullKey = table.Length == 0 ? key : table + "." + key;
            if (fullKey == "project.dependencies")
            {
                if (Peek(0) != '[') throw Error("[project] dependencies is not an array");
                foreach (var (value, line) in ReadStringArray())
                    result.Add(RequirementParser.Parse(value, new RequirementSource(_path, line)));
            }
            else
            {
                SkipValue();
            }
            SkipTrivia(newlines: false);
            if (_pos < _text.Length && _text[_pos] != '\n') throw Error($"unexpected '{_text[_pos]}' after the value of {fullKey}");
        }
    }

    private List<(string Value, int Line)> ReadStringArray()
    {
        var items = new List<(string, int)>();
        Expect('[');
        while (true)
        {
            SkipTrivia(newlines: true);
            if (Peek(0) == ']') { _pos++; return items; }
            if (Peek(0) is not ('"' or '\'')) throw Error("[project] dependencies must hold only strings, for example \"pandas>=2.2\"");
            var line = _line;
            items.Add((ReadString(), line));
            SkipTrivia(newlines: true);
            if (Peek(0) == ',') { _pos++; continue; }
            if (Peek(0) == ']') { _pos++; return items; }
            throw Error("expected ',' or ']' in the dependencies array");
        }
    }

    private void SkipValue()
    {
        var c = Peek(0);
        if (c is '"' or '\'') { ReadString(); return; }
        if (c is '[' or '{')
        {
            var close = c == '[' ? ']' : '}';
            _pos++;
            while (true)
            {
                SkipTrivia(newlines: true);
                if (Peek(0) == close) { _pos++; return; }
                if (_pos >= _text.Length) throw Error($"missing '{close}'");
                if (c == '{') { ReadKey('='); Expect('='); SkipTrivia(newlines: false); }
                SkipValue();
                SkipTrivia(newlines: true);
                if (Peek(0) == ',') _pos++;
            }
        }
        // Numbers, booleans, dates: up to the end of the value.
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is not ('\n' or '#' or ',' or ']' or '}')) _pos++;
        if (_pos == start) throw Error("a value is missing");
    }

    private string ReadKey(char terminator)
    {
        var parts = new List<string>();
        while (true)
        {
            SkipTrivia(newlines: false);
            if (Peek(0) is '"' or '\'') parts.Add(ReadString());
            else
            {
                var start = _pos;
                while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '_')) _pos++;
                if (_pos == start) throw Error($"expected a key before '{terminator}'");
                parts.Add(_text[start.._pos]);
            }
            SkipTrivia(newlines: false);
            if (Peek(0) == '.') { _pos++; continue; }
            return string.Join('.', parts);
        }
    }

    private string ReadString()
    {
        var quote = _text[_pos];
        var multi = Peek(1) == quote && Peek(2) == quote;
        _pos += multi ? 3 : 1;
        // TOML: a newline right after the opening delimiter of a multi-line string is trimmed.
        if (multi && Peek(0) == '\n') { _pos++; _line++; }
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("a string is not closed");
            var c = _text[_pos];
            if (c == quote && (!multi || (Peek(1) == quote && Peek(2) == quote)))
            {
                _pos += multi ? 3 : 1;
                return sb.ToString();
            }
            if (c == '\n')
            {
                if (!multi) throw Error("a string is not closed on its line");
                _line++;
            }
            if (c == '\\' && quote == '"')
            {
                sb.Append(Escape());
                continue;
            }
            sb.Append(c);
            _pos++;
        }
    }

    private string Escape()
    {
        var e = Peek(1);
        _pos += 2;
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'b': return "\b";
            case 'f': return "\f";
            case '"': return "\"";
            case '\\': return "\\";
            case 'u' or 'U':
                var length = e == 'u' ? 4 : 8;
                if (_pos + length > _text.Length) throw Error("a unicode escape is cut short");
                var code = int.Parse(_text.AsSpan(_pos, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _pos += length;
                return char.ConvertFromUtf32(code);
            case '\n' or ' ' or '\t':
                // Line-ending backslash in a multi-line string: trims the newline and following whitespace.
                _pos--;
                while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) { if (_text[_pos] == '\n') _line++; _pos++; }
                return "";
            default: throw Error($"unknown escape '\\{e}'");
        }
    }

    private void SkipTrivia(bool newlines)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '#') { while (_pos < _text.Length && _text[_pos] != '\n') _pos++; }
            else if (c == '\n' && newlines) { _line++; _pos++; }
            else if (c is ' ' or '\t' or '\r') _pos++;
            else return;
        }
    }

    private void Expect(char c)
    {
        SkipTrivia(newlines: false);
        if (Peek(0) != c) throw Error($"expected '{c}'");
        _pos++;
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private Exception Error(string what) => Messages.NB3003_PyprojectSyntax.ExceptionAt(_path, _line, 0, what);
}
