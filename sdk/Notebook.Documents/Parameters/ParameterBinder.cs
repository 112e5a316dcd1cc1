using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>Every problem found while binding values; nothing should run when this is thrown.</summary>
public sealed class ParameterBindingException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
{
    /// <summary>All errors: file values first, then command-line values, each in the order given.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>
/// Converts and checks parameter values against a <see cref="ParameterSchema"/> before anything runs.
/// Command-line texts (<c>-p name=value</c>) are converted to the declared type: int "5", float "1.5",
/// bool true/false/True/False/1/0, str as given, None/null where None is allowed, list/dict as JSON or a
/// Python literal; untyped (Any) parameters convert as papermill's <c>-p</c> does (<see cref="PapermillValues"/>).
/// File values (already parsed JSON/YAML) are type-checked as they are. Literal[...] values are enforced, unknown
/// names are errors (NB2020). File values come first and command-line values override them; a name given twice on
/// the command line keeps the last value. Only the given values are returned: the others keep the notebook's defaults.
/// </summary>
public static class ParameterBinder
{
    /// <summary>The given values in declaration order, converted; throws <see cref="ParameterBindingException"/> with every error.</summary>
    public static IReadOnlyList<BoundParameter> Bind(ParameterSchema schema, IReadOnlyList<KeyValuePair<string, string>> cliValues, JsonObject? fileValues = null)
    {
        var (bound, diagnostics) = TryBind(schema, cliValues, fileValues);
        return diagnostics.Count > 0 ? throw new ParameterBindingException(diagnostics) : bound;
    }

    /// <summary>Like <see cref="Bind"/> but returns the errors instead of throwing (values with errors are left out).</summary>
    public static (IReadOnlyList<BoundParameter> Bound, IReadOnlyList<Diagnostic> Diagnostics) TryBind(
        ParameterSchema schema, IReadOnlyList<KeyValuePair<string, string>> cliValues, JsonObject? fileValues = null) =>
        TryBind(schema, cliValues.Select(v => new ParameterText(v.Key, v.Value)).ToList(), fileValues);

    /// <summary>
    /// Binds command-line texts, where a <see cref="ParameterText.Raw"/> text is a string as given (papermill's
    /// <c>-r</c>), type-checked like a file value, and every other text is converted to the declared type.
    /// </summary>
    public static (IReadOnlyList<BoundParameter> Bound, IReadOnlyList<Diagnostic> Diagnostics) TryBind(
        ParameterSchema schema, IReadOnlyList<ParameterText> cliValues, JsonObject? fileValues = null)
    {
        var diagnostics = new List<Diagnostic>();
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var accepted = schema.Parameters.Count == 0
            ? "none (this notebook has no parameters cell)"
            : string.Join(", ", schema.Parameters.Select(p => $"{p.Name} ({p.Type})"));

        bool TryValue(ParameterDefinition definition, JsonNode? value, out JsonNode? converted)
        {
            converted = ParameterTypes.Coerce(value, definition.Type, definition.Name, out var error);
            error ??= CheckNativeRange(definition, converted);
            if (error is null) return true;
            diagnostics.Add(definition.Type.AllowedValues is not null
                ? Messages.NB2022_NotAllowedValue.Create(definition.Name, Allowed(definition.Type), ParameterTypes.Show(value))
                : Messages.NB2021_InvalidValue.Create(definition.Name, definition.TypeName, error, Example(definition.Type)));
            return false;
        }

        foreach (var (name, value) in fileValues ?? [])
        {
            var definition = schema.Find(name);
            if (definition is null)
            {
                diagnostics.Add(Messages.NB2020_UnknownParameter.Create(name, accepted));
                continue;
            }
            if (TryValue(definition, value, out var converted)) values[name] = converted;
        }

        foreach (var (name, text, raw) in cliValues)
        {
            var definition = schema.Find(name);
            if (definition is null)
            {
                diagnostics.Add(Messages.NB2020_UnknownParameter.Create(name, accepted));
                continue;
            }
            if (raw)
            {
                if (TryValue(definition, JsonValue.Create(text), out var rawValue)) values[name] = rawValue;
                else values.Remove(name);
                continue;
            }
            if (TryConvertText(definition, text, out var converted, out var failure)) values[name] = converted;
            else
            {
                values.Remove(name);
                diagnostics.Add(failure!);
            }
        }

        var bound = schema.Parameters.Where(p => values.ContainsKey(p.Name)).Select(p => new BoundParameter(p.Name, values[p.Name])).ToList();
        return (bound, diagnostics);
    }

    /// <summary>Converts one command-line text to the parameter's type.</summary>
    public static bool TryConvertText(ParameterDefinition definition, string text, out JsonNode? result, out Diagnostic? failure)
    {
        failure = null;
        result = null;
        var type = definition.Type;
        if (type.AllowedValues is not null)
        {
            foreach (var allowed in type.AllowedValues.Where(a => SpellsValue(text, a)))
            {
                result = allowed?.DeepClone();
                return true;
            }
            failure = Messages.NB2022_NotAllowedValue.Create(definition.Name, Allowed(type), Quote(text));
            return false;
        }
        if (!TryReadText(text, type, out var node))
        {
            failure = Messages.NB2021_InvalidValue.Create(definition.Name, definition.TypeName, Quote(text), Example(type));
            return false;
        }
        result = ParameterTypes.Coerce(node, type, definition.Name, out var error);
        error ??= CheckNativeRange(definition, result);
        if (error is null) return true;
        failure = Messages.NB2021_InvalidValue.Create(definition.Name, definition.TypeName, $"{Quote(text)} ({error})", Example(type));
        return false;
    }

    // A C# int or decimal is narrower than the schema's integer or number: refuse before the kernel does.
    private static string? CheckNativeRange(ParameterDefinition definition, JsonNode? value) =>
        definition.NativeType is { } native ? CSharpLanguage.CheckRange(native, value, definition.Name) : null;

    private static bool TryReadText(string text, ParameterType type, out JsonNode? node)
    {
        node = null;
        var trimmed = text.Trim();
        if (type.AcceptsNull && type.Kind != ParameterKind.Any && trimmed is "None" or "null") return true;
        switch (type.Kind)
        {
            case ParameterKind.Str:
                node = JsonValue.Create(text);
                return true;
            case ParameterKind.Int:
                if (!BigInteger.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    || trimmed.StartsWith('_') || trimmed.EndsWith('_'))
                    return false;
                node = JsonNumbers.Integer(integer);
                return true;
            case ParameterKind.Float:
                if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return false;
                node = JsonNumbers.Float(d);
                return true;
            case ParameterKind.Bool:
                if (trimmed is "true" or "True" or "TRUE" or "1") node = JsonValue.Create(true);
                else if (trimmed is "false" or "False" or "FALSE" or "0") node = JsonValue.Create(false);
                else return false;
                return true;
            case ParameterKind.None:
                return false;
            case ParameterKind.List or ParameterKind.Dict:
                return TryReadJson(trimmed, out node) || PythonLiteralParser.TryParseText(trimmed, out node);
            default:
                // Any (no annotation, default None or not a literal): exactly what papermill's -p makes of the text.
                node = PapermillValues.Resolve(text);
                return true;
        }
    }

    private static bool TryReadJson(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    /// <summary>True when a command-line text names this Literal value ("a" for 'a', "5" for 5, "true" for True, "None" for None).</summary>
    private static bool SpellsValue(string text, JsonNode? value)
    {
        var t = text.Trim();
        if (value is null) return t is "None" or "null";
        return ParameterTypes.KindOf(value) switch
        {
            ParameterKind.Str => text == value.GetValue<string>(),
            ParameterKind.Int => BigInteger.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && i == JsonNumbers.GetInteger(value),
            ParameterKind.Float => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == value.GetValue<double>(),
            ParameterKind.Bool => value.GetValue<bool>() ? t is "True" or "true" or "1" : t is "False" or "false" or "0",
            _ => false,
        };
    }

    private static string Allowed(ParameterType type) => string.Join(", ", type.AllowedValues!.Select(PythonLiteralRenderer.Instance.Render));

    private static string Quote(string text) => JsonHelpers.Quote(text);

    private static string Example(ParameterType type) => type.Kind switch
    {
        ParameterKind.Int => "10",
        ParameterKind.Float => "1.5",
        ParameterKind.Bool => "true",
        ParameterKind.Str => "text",
        ParameterKind.None => "None",
        ParameterKind.List => "[1, 2] (JSON or a Python literal)",
        ParameterKind.Dict => "{\"key\": 1} (JSON or a Python literal)",
        _ => "a Python literal",
    };
}
