using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>The value kinds a parameter can declare, as Python sees them.</summary>
public enum ParameterKind
{
    /// <summary>Anything (no or unknown annotation, non-literal default).</summary>
    Any,
    Int,
    Float,
    Str,
    Bool,
    /// <summary>Only None.</summary>
    None,
    /// <summary>list, tuple, set (all become a Python list when injected).</summary>
    List,
    /// <summary>dict (JSON object; keys are strings).</summary>
    Dict,
}

/// <summary>
/// A parameter's type: a kind, item types for lists (<see cref="ItemType"/>) and dicts (<see cref="KeyType"/>,
/// <see cref="ItemType"/> for values), whether None is accepted, and the allowed values of a <c>Literal[...]</c>.
/// </summary>
public sealed record ParameterType(
    ParameterKind Kind,
    ParameterType? ItemType = null,
    bool Nullable = false,
    IReadOnlyList<JsonNode?>? AllowedValues = null,
    ParameterType? KeyType = null)
{
    public static readonly ParameterType Any = new(ParameterKind.Any);
    public static readonly ParameterType Int = new(ParameterKind.Int);
    public static readonly ParameterType Float = new(ParameterKind.Float);
    public static readonly ParameterType Str = new(ParameterKind.Str);
    public static readonly ParameterType Bool = new(ParameterKind.Bool);
    public static readonly ParameterType None = new(ParameterKind.None);

    /// <summary>True when None (JSON null) is a valid value.</summary>
    public bool AcceptsNull => Nullable || Kind is ParameterKind.None or ParameterKind.Any;

    /// <summary>list[item].</summary>
    public static ParameterType ListOf(ParameterType? item) => new(ParameterKind.List, item);

    /// <summary>dict[key, value].</summary>
    public static ParameterType DictOf(ParameterType? key, ParameterType? value) =>
        new(ParameterKind.Dict, value, KeyType: key is null || key.Kind is ParameterKind.Str or ParameterKind.Any && key.AllowedValues is null && !key.Nullable ? null : key);

    /// <summary>The same type, also accepting None.</summary>
    public ParameterType AsNullable() => Kind is ParameterKind.None or ParameterKind.Any || Nullable ? this : this with { Nullable = true };

    /// <summary>The Python annotation this type corresponds to, for messages and listings.</summary>
    public override string ToString()
    {
        string core;
        if (AllowedValues is not null)
        {
            core = "Literal[" + string.Join(", ", AllowedValues.Where(v => v is not null).Select(PythonLiteralRenderer.Instance.Render)) + "]";
        }
        else
        {
            core = Kind switch
            {
                ParameterKind.Int => "int",
                ParameterKind.Float => "float",
                ParameterKind.Str => "str",
                ParameterKind.Bool => "bool",
                ParameterKind.None => "None",
                ParameterKind.List => ItemType is null || ItemType.Kind == ParameterKind.Any && !ItemType.Nullable ? "list" : $"list[{ItemType}]",
                ParameterKind.Dict => ItemType is null && KeyType is null ? "dict" : $"dict[{KeyType ?? Str}, {ItemType ?? Any}]",
                _ => "Any",
            };
        }
        return Nullable && Kind is not (ParameterKind.None or ParameterKind.Any) ? $"Optional[{core}]" : core;
    }

    public bool Equals(ParameterType? other) =>
        other is not null && Kind == other.Kind && Nullable == other.Nullable
        && Equals(ItemType, other.ItemType) && Equals(KeyType, other.KeyType)
        && (AllowedValues is null ? other.AllowedValues is null
            : other.AllowedValues is not null && AllowedValues.Count == other.AllowedValues.Count
              && AllowedValues.Zip(other.AllowedValues).All(p => JsonValues.AreEqual(p.First, p.Second)));

    public override int GetHashCode() => HashCode.Combine(Kind, Nullable, ItemType, KeyType, AllowedValues?.Count);
}

/// <summary>One parameter of a notebook: name, type, default and where it is declared.</summary>
/// <param name="Name">The Python variable name.</param>
/// <param name="Type">Declared (annotation or <c># type:</c> comment) or inferred from the default.</param>
/// <param name="Default">The default value as JSON; null JSON for Python None (see <paramref name="HasDefault"/>).</param>
/// <param name="HasDefault">False when the default is an expression this SDK does not evaluate.</param>
/// <param name="Description">From the trailing comment, or the comment line(s) right above the assignment.</param>
/// <param name="Line">1-based line of the assignment inside the parameters cell's source.</param>
public sealed record ParameterDefinition(
    string Name,
    ParameterType Type,
    JsonNode? Default,
    bool HasDefault,
    string? Description,
    int Line)
{
    /// <summary>
    /// Marked secret in the parameters cell (a trailing comment <c># secret</c> or <c># secret: description</c>): its
    /// value is never written to any output and reaches the kernel through its environment, not as a literal.
    /// </summary>
    public bool Secret { get; init; }

    /// <summary>
    /// The type as the notebook's language declares it, where the schema type alone does not say how to write a value
    /// (C#: <c>decimal</c>, <c>long?</c>, <c>string[]</c>); null for Python. Written to the schema as <c>x-type</c>.
    /// </summary>
    public string? NativeType { get; init; }

    /// <summary>The type to show in listings and messages: the language's own name when there is one.</summary>
    public string TypeName => NativeType ?? Type.ToString();
}

/// <summary>
/// A value given for a parameter, converted to its declared type (JSON null is Python None). With
/// <paramref name="EnvironmentVariable"/> the injected cell reads the value from that kernel environment variable
/// (holding the value's JSON) instead of carrying a literal: secret parameters.
/// </summary>
public sealed record BoundParameter(string Name, JsonNode? Value, string? EnvironmentVariable = null);

/// <summary>A parameter value as text from a command line; <paramref name="Raw"/>: a string as given, never converted (papermill's <c>-r</c>).</summary>
public sealed record ParameterText(string Name, string Text, bool Raw = false);
