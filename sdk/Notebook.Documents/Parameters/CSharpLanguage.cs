namespace Notebook.Documents;

/// <summary>
/// C# as the .NET Interactive kernel (Polyglot Notebooks) names it: kernelspec language "C#" and name
/// ".net-csharp", <c>language_info.name</c> "C#", or "csharp" as its subkernel is called.
/// </summary>
public static class CSharpLanguage
{
    /// <summary>The language written into a C# notebook's parameter schema.</summary>
    public const string Name = "C#";

    /// <summary>True for "C#", "csharp" and ".net-csharp" (case-insensitive).</summary>
    public static bool Is(string? language) =>
        language is not null && (language.Equals("C#", StringComparison.OrdinalIgnoreCase)
            || language.Equals("csharp", StringComparison.OrdinalIgnoreCase)
            || language.Equals(".net-csharp", StringComparison.OrdinalIgnoreCase));

    /// <summary>The C# types a parameter can have, as the schema's <c>x-type</c> names them (element types of arrays too).</summary>
    public static readonly IReadOnlyDictionary<string, ParameterType> ScalarTypes = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["string"] = ParameterType.Str,
        ["bool"] = ParameterType.Bool,
        ["int"] = ParameterType.Int,
        ["long"] = ParameterType.Int,
        ["double"] = ParameterType.Float,
        ["decimal"] = ParameterType.Float,
    };

    /// <summary>
    /// The schema type of a C# type name written as <c>T</c>, <c>T?</c>, <c>T[]</c> or <c>T?[]</c> over
    /// <see cref="ScalarTypes"/>; null for any other name.
    /// </summary>
    public static ParameterType? TypeOf(string nativeType)
    {
        if (nativeType.EndsWith("[]", StringComparison.Ordinal))
        {
            var item = TypeOf(nativeType[..^2]);
            return item is null || item.Kind == ParameterKind.List ? null : ParameterType.ListOf(item);
        }
        if (nativeType.EndsWith('?'))
        {
            var inner = TypeOf(nativeType[..^1]);
            return inner is null || inner.Nullable || inner.Kind == ParameterKind.List ? null : inner.AsNullable();
        }
        return ScalarTypes.GetValueOrDefault(nativeType);
    }

    /// <summary>
    /// Why <paramref name="value"/> (already of the schema type) does not fit the C# type <paramref name="nativeType"/>
    /// (an int out of range, a decimal beyond 28 digits), or null when it fits.
    /// </summary>
    public static string? CheckRange(string nativeType, System.Text.Json.Nodes.JsonNode? value, string at)
    {
        if (value is null) return null;
        if (value is System.Text.Json.Nodes.JsonArray array)
        {
            var item = nativeType.EndsWith("[]", StringComparison.Ordinal) ? nativeType[..^2] : nativeType;
            for (var i = 0; i < array.Count; i++)
            {
                if (CheckRange(item, array[i], $"{at}[{i}]") is { } error) return error;
            }
            return null;
        }
        var scalar = nativeType.TrimEnd('?');
        if (scalar is "int" or "long" && JsonNumbers.IsInteger(value))
        {
            var n = JsonNumbers.GetInteger(value);
            var fits = scalar == "int" ? n >= int.MinValue && n <= int.MaxValue : n >= long.MinValue && n <= long.MaxValue;
            return fits ? null : $"{n} at {at}, outside the range of a C# {scalar}";
        }
        if (scalar == "decimal" && value is System.Text.Json.Nodes.JsonValue number && JsonNumbers.IsNumber(number)
            && !decimal.TryParse(JsonNumbers.ToJsonText(number), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return $"{JsonNumbers.ToJsonText(number)} at {at}, outside the range of a C# decimal";
        }
        return null;
    }
}
