using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>
/// C# literals for the .NET Interactive kernel. A string is a regular literal that keeps printable ASCII
/// (U+0020-U+007E) except <c>"</c> and <c>\</c>, which are escaped, and writes every other UTF-16 unit as
/// <c>\uXXXX</c>: the literal is pure ASCII on one line, so no value can end it, start a comment, or put a line
/// starting with <c>#!</c> or <c>#r</c> into the submission (the kernel splits submissions at such lines before C#
/// sees them, which is why verbatim and raw literals are never used). <c>\x</c> is never written: it takes one to four
/// hex digits, so "é1" written as <c>\xe91</c> would be U+0E91 (papermill's bug). Numbers follow the declared type
/// (<c>m</c> for decimal, <c>.0</c> or an exponent for double); arrays are <c>new T[] { ... }</c>.
/// </summary>
public sealed class CSharpLiteralRenderer : ILiteralRenderer
{
    public static readonly CSharpLiteralRenderer Instance = new();

    public string Language => CSharpLanguage.Name;

    public string Comment(string text) => "// " + text.ReplaceLineEndings(" ");

    public bool IsValidName(string name) => IsIdentifier(name);

    /// <summary>An ASCII-or-letter C# identifier that is not a reserved keyword.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && !Keywords.Contains(name);

    // Plain assignment, not "var name = ...": a new declaration would hide the field, and a method declared in the
    // parameters cell would still see the default (checked with the kernel; papermill's C# translator does that).
    public string Assign(string name, string literal) =>
        IsIdentifier(name) ? $"{name} = {literal};" : throw new ArgumentException($"'{name}' is not a C# name.", nameof(name));

    public string Render(JsonNode? value) => Render(value, definition: null);

    public string Render(JsonNode? value, ParameterDefinition? definition)
    {
        var sb = new StringBuilder();
        Write(sb, value, definition?.NativeType ?? Guess(value));
        return sb.ToString();
    }

    public string ReadFromEnvironment(string variable) => ReadFromEnvironment(variable, definition: null);

    // The variable leaves the environment before the value is read, so the processes the notebook starts do not inherit it.
    public string ReadFromEnvironment(string variable, ParameterDefinition? definition)
    {
        var type = definition?.NativeType ?? "string";
        var name = Render(JsonValue.Create(variable));
        return $"System.Text.Json.JsonSerializer.Deserialize<{type}>(((System.Func<string>)(() => {{ string v = System.Environment.GetEnvironmentVariable({name}); "
            + $"System.Environment.SetEnvironmentVariable({name}, null); return v ?? \"null\"; }}))())";
    }

    private static void Write(StringBuilder sb, JsonNode? value, string type)
    {
        var scalar = type.EndsWith("[]", StringComparison.Ordinal) ? type[..^2] : type;
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case JsonArray array:
                sb.Append("new ").Append(scalar).Append("[] {");
                for (var i = 0; i < array.Count; i++)
                {
                    sb.Append(i == 0 ? " " : ", ");
                    Write(sb, array[i], scalar);
                }
                sb.Append(array.Count == 0 ? "}" : " }");
                return;
            case JsonObject:
                throw new ArgumentException("C# parameters have no dictionary type.", nameof(value));
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(sb, v.GetValue<string>());
                        return;
                    case JsonValueKind.True:
                        sb.Append("true");
                        return;
                    case JsonValueKind.False:
                        sb.Append("false");
                        return;
                    case JsonValueKind.Number:
                        WriteNumber(sb, v, type.TrimEnd('?'));
                        return;
                    default:
                        sb.Append("null");
                        return;
                }
        }
    }

    private static void WriteNumber(StringBuilder sb, JsonValue v, string type)
    {
        var text = JsonNumbers.ToJsonText(v);
        if (type == "decimal")
        {
            // From the JSON text, not through a double: 0.1 stays 0.1m exactly.
            sb.Append(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)).Append('m');
            return;
        }
        if (type != "double" && JsonHelpers.IsIntegral(v))
        {
            sb.Append(JsonNumbers.GetInteger(v).ToString(CultureInfo.InvariantCulture));
            return;
        }
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(d)) sb.Append("double.PositiveInfinity");
        else if (double.IsNegativeInfinity(d)) sb.Append("double.NegativeInfinity");
        else
        {
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(r);
            if (r.IndexOfAny(['.', 'E', 'e']) < 0) sb.Append(".0");
        }
    }

    /// <summary>The C# string literal for <paramref name="s"/> by the rule above.</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c is >= ' ' and <= '~') sb.Append(c);
            else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        sb.Append('"');
    }

    // Without a schema (a value given for an untyped parameter): the type its JSON kind suggests.
    private static string Guess(JsonNode? value) => value switch
    {
        JsonArray array when array.Count > 0 => Guess(array[0]) + "[]",
        JsonArray => "string[]",
        _ when JsonNumbers.IsInteger(value) => "long",
        _ when JsonNumbers.IsNumber(value) => "double",
        _ => "string",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };
}
