using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>Renders values as source code of one kernel language, so that no value can escape its literal.</summary>
public interface ILiteralRenderer
{
    /// <summary>The language this renderer writes (as in <c>kernelspec.language</c>).</summary>
    string Language { get; }

    /// <summary>A literal of the language that evaluates to <paramref name="value"/> (JSON null is the language's null).</summary>
    string Render(JsonNode? value);

    /// <summary>A one-line comment.</summary>
    string Comment(string text);

    /// <summary>A statement assigning <paramref name="literal"/> to the variable <paramref name="name"/>.</summary>
    string Assign(string name, string literal);

    /// <summary>True when <paramref name="name"/> can be assigned as a variable of the language.</summary>
    bool IsValidName(string name);

    /// <summary>
    /// An expression that takes the JSON text in the kernel's environment variable <paramref name="variable"/>,
    /// removes the variable and evaluates to its value: how secret values arrive without a literal in the notebook.
    /// </summary>
    string ReadFromEnvironment(string variable);

    /// <summary>The literal for a value of <paramref name="definition"/> (languages whose literals depend on the declared type, as C#'s do).</summary>
    string Render(JsonNode? value, ParameterDefinition? definition) => Render(value);

    /// <summary><see cref="ReadFromEnvironment(string)"/> for a value of <paramref name="definition"/>.</summary>
    string ReadFromEnvironment(string variable, ParameterDefinition? definition) => ReadFromEnvironment(variable);
}

/// <summary>The renderers by kernel language: Python and C#.</summary>
public static class LiteralRenderers
{
    /// <summary>The renderer for <paramref name="language"/> (case-insensitive), or null when none is known.</summary>
    public static ILiteralRenderer? For(string language) =>
        PythonLiteralRenderer.IsPython(language) ? PythonLiteralRenderer.Instance
        : CSharpLanguage.Is(language) ? CSharpLiteralRenderer.Instance
        : null;
}

/// <summary>
/// Python literals. Strings use double quotes with explicit escapes for the quote, the backslash, every control
/// character (C0, DEL, C1), U+2028/U+2029 and lone surrogates, so a value can never end its literal, start a new
/// statement or a comment (papermill's unicode_escape + quote replace gets backslashes before quotes wrong).
/// Floats are written as Python's repr writes them, ints in full, non-finite floats as float('inf').
/// </summary>
public sealed class PythonLiteralRenderer : ILiteralRenderer
{
    public static readonly PythonLiteralRenderer Instance = new();

    public string Language => "python";

    /// <summary>True for "python", "python3", "ipython" and the like.</summary>
    public static bool IsPython(string? language) =>
        language is not null && (language.Equals("python", StringComparison.OrdinalIgnoreCase)
            || language.StartsWith("python", StringComparison.OrdinalIgnoreCase) && language[6..].All(c => char.IsAsciiDigit(c) || c == '.')
            || language.Equals("ipython", StringComparison.OrdinalIgnoreCase) || language.Equals("ipython3", StringComparison.OrdinalIgnoreCase));

    /// <summary>An ASCII-or-letter Python identifier that is not a keyword.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && !ParameterSchemaParser.IsKeyword(name);

    public bool IsValidName(string name) => IsIdentifier(name);

    public string Comment(string text) => "# " + text.ReplaceLineEndings(" ");

    // pop: the value leaves the environment, so the processes the notebook starts do not inherit it.
    public string ReadFromEnvironment(string variable) =>
        $"__import__(\"json\").loads(__import__(\"os\").environ.pop({Render(JsonValue.Create(variable))}))";

    public string Assign(string name, string literal) =>
        IsIdentifier(name) ? $"{name} = {literal}" : throw new ArgumentException($"'{name}' is not a Python name.", nameof(name));

    public string Render(JsonNode? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? value)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                return;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, array[i]);
                }
                sb.Append(']');
                return;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, item) in obj)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteString(sb, key);
                    sb.Append(": ");
                    Write(sb, item);
                }
                sb.Append('}');
                return;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(sb, v.GetValue<string>());
                        return;
                    case JsonValueKind.True:
                        sb.Append("True");
                        return;
                    case JsonValueKind.False:
                        sb.Append("False");
                        return;
                    case JsonValueKind.Number:
                        WriteNumber(sb, v);
                        return;
                    default:
                        sb.Append("None");
                        return;
                }
        }
    }

    private static void WriteNumber(StringBuilder sb, JsonValue v)
    {
        if (JsonHelpers.IsIntegral(v))
        {
            // JSON integers have no size limit and neither do Python's; re-format to drop a JSON "-0".
            sb.Append(JsonNumbers.GetInteger(v).ToString(CultureInfo.InvariantCulture));
            return;
        }
        var d = v.GetValue<double>();
        if (double.IsNaN(d)) sb.Append("float('nan')");
        else if (double.IsPositiveInfinity(d)) sb.Append("float('inf')");
        else if (double.IsNegativeInfinity(d)) sb.Append("float('-inf')");
        else sb.Append(JsonNumbers.PythonFloatRepr(d));
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c is >= '\x7f' and <= '\x9f')
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (c is '\u2028' or '\u2029' or '\u0085' or '\ufeff')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        // A whole non-BMP character: \U escape keeps the source ASCII-safe whatever the file encoding.
                        sb.Append("\\U").Append(char.ConvertToUtf32(c, s[i + 1]).ToString("x8", CultureInfo.InvariantCulture));
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
