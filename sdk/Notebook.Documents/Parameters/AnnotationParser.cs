using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>
/// Turns a Python annotation (tokens, or the text of a string annotation or <c># type:</c> comment) into a
/// <see cref="ParameterType"/>: builtins, typing names with or without a module prefix, Optional, Union, X | None,
/// Literal, and generic list/dict/tuple/set. Unknown names give <see cref="ParameterType.Any"/> and
/// <c>Understood = false</c>.
/// </summary>
internal sealed class AnnotationParser
{
    private readonly List<Token> _tokens;
    private readonly int _end;
    private int _pos;

    private AnnotationParser(List<Token> tokens, int start, int end)
    {
        _tokens = tokens;
        _pos = start;
        _end = end;
    }

    public bool Understood { get; private set; } = true;

    public static (ParameterType Type, bool Understood) Parse(List<Token> tokens, int start, int end)
    {
        var parser = new AnnotationParser(tokens, start, end);
        try
        {
            var type = parser.ParseUnion();
            if (parser._pos != end) return (ParameterType.Any, false);
            return (type, parser.Understood);
        }
        catch (FormatException)
        {
            return (ParameterType.Any, false);
        }
    }

    public static (ParameterType Type, bool Understood) ParseText(string text)
    {
        try
        {
            var tokens = PythonTokenizer.Tokenize(text);
            var end = tokens.FindIndex(t => t.Kind is TokenKind.Newline or TokenKind.End or TokenKind.Comment);
            return end <= 0 ? (ParameterType.Any, false) : Parse(tokens, 0, end);
        }
        catch (PythonSyntaxException)
        {
            return (ParameterType.Any, false);
        }
    }

    private Token Current => _pos < _end ? _tokens[_pos] : throw new FormatException();

    private bool Accept(string op)
    {
        if (_pos >= _end || !_tokens[_pos].Is(TokenKind.Op, op)) return false;
        _pos++;
        return true;
    }

    private ParameterType ParseUnion()
    {
        var members = new List<ParameterType> { ParseAtom() };
        while (Accept("|")) members.Add(ParseAtom());
        return Combine(members);
    }

    private ParameterType ParseAtom()
    {
        var t = Current;
        if (t.Kind == TokenKind.String)
        {
            // A forward reference: x: "Optional[int]" = None
            _pos++;
            var (inner, ok) = ParseText(t.Value);
            Understood &= ok;
            return inner;
        }
        if (t.Kind != TokenKind.Name) throw new FormatException();
        var name = t.Value;
        _pos++;
        while (Accept(".")) { name = Current.Value; _pos++; } // typing.List, t.Optional, collections.abc.Sequence
        if (name == "Literal" && Accept("[")) return ParseLiteral();

        var args = new List<ParameterType>();
        var hasArgs = false;
        if (Accept("["))
        {
            hasArgs = true;
            do
            {
                if (Accept("...")) continue;
                if (_pos < _end && _tokens[_pos].Is(TokenKind.Op, "."))
                {
                    // "..." arrives as three "." tokens.
                    while (Accept(".")) { }
                    continue;
                }
                if (Accept("["))
                {
                    // Callable[[...], T] and the like: not a parameter type.
                    Understood = false;
                    var depth = 1;
                    while (depth > 0) { if (Accept("[")) depth++; else if (Accept("]")) depth--; else _pos++; }
                    continue;
                }
                args.Add(ParseUnion());
            }
            while (Accept(","));
            if (!Accept("]")) throw new FormatException();
        }
        ParameterType? Arg(int i) => i < args.Count ? args[i] : null;
        switch (name)
        {
            case "int": return ParameterType.Int;
            case "float": return ParameterType.Float;
            case "str": return ParameterType.Str;
            case "bool": return ParameterType.Bool;
            case "None" or "NoneType": return ParameterType.None;
            case "Any" or "object": return ParameterType.Any;
            case "list" or "List" or "Sequence" or "MutableSequence" or "Iterable" or "Collection" or "set" or "Set" or "frozenset" or "FrozenSet" or "AbstractSet":
                return ParameterType.ListOf(Arg(0));
            case "tuple" or "Tuple":
                // tuple[int, ...] is a list of int; tuple[int, str] a list of mixed items.
                return ParameterType.ListOf(args.Count == 1 ? args[0] : args.Count > 1 ? Combine(args) : null);
            case "dict" or "Dict" or "Mapping" or "MutableMapping":
                return ParameterType.DictOf(Arg(0), Arg(1));
            case "Optional" when args.Count == 1:
                return args[0].AsNullable();
            case "Union" when hasArgs:
                return Combine(args);
            default:
                Understood = false;
                return ParameterType.Any;
        }
    }

    private ParameterType ParseLiteral()
    {
        var values = new List<JsonNode?>();
        do
        {
            var start = _pos;
            var depth = 0;
            while (_pos < _end && !(depth == 0 && (_tokens[_pos].Is(TokenKind.Op, ",") || _tokens[_pos].Is(TokenKind.Op, "]"))))
            {
                if (_tokens[_pos].Is(TokenKind.Op, "[") || _tokens[_pos].Is(TokenKind.Op, "(")) depth++;
                if (_tokens[_pos].Is(TokenKind.Op, "]") || _tokens[_pos].Is(TokenKind.Op, ")")) depth--;
                _pos++;
            }
            if (!PythonLiteralParser.TryParse(_tokens, start, _pos, out var value)) throw new FormatException();
            values.Add(value);
        }
        while (Accept(","));
        if (!Accept("]")) throw new FormatException();

        var nullable = values.Any(v => v is null);
        var allowed = values.Where(v => v is not null).ToList();
        if (allowed.Count == 0) return ParameterType.None;
        var kinds = allowed.Select(ParameterTypes.KindOf).Distinct().ToList();
        var kind = kinds.Count == 1 ? kinds[0]
            : kinds.All(k => k is ParameterKind.Int or ParameterKind.Float) ? ParameterKind.Float
            : ParameterKind.Any;
        return new ParameterType(kind, Nullable: nullable && kind != ParameterKind.Any, AllowedValues: values);
    }

    /// <summary>A union: None makes the rest nullable; one remaining member is that type; int|float is float; else Any.</summary>
    private static ParameterType Combine(List<ParameterType> members)
    {
        var nullable = members.Any(m => m.AcceptsNull && m.Kind != ParameterKind.Any);
        var rest = members.Where(m => m.Kind != ParameterKind.None).Distinct().ToList();
        if (members.Any(m => m.Kind == ParameterKind.Any && m.AllowedValues is null)) return ParameterType.Any;
        ParameterType result;
        if (rest.Count == 0) return ParameterType.None;
        if (rest.Count == 1) result = rest[0];
        else if (rest.All(m => m.AllowedValues is null && m.Kind is ParameterKind.Int or ParameterKind.Float)) result = ParameterType.Float;
        else if (rest.All(m => m.AllowedValues is not null))
            result = new ParameterType(ParameterKind.Any, AllowedValues: rest.SelectMany(m => m.AllowedValues!).Select(v => v?.DeepClone()).ToList());
        else return ParameterType.Any;
        return nullable ? result.AsNullable() with { AllowedValues = WithNull(result.AllowedValues) } : result;
    }

    private static IReadOnlyList<JsonNode?>? WithNull(IReadOnlyList<JsonNode?>? values) =>
        values is null || values.Contains(null) ? values : [.. values, null];
}
