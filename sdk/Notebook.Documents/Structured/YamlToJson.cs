using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notebook.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Notebook.Documents.Structured;

/// <summary>
/// Converts a YAML representation tree to JSON with the YAML 1.2 core schema: plain scalars <c>null</c>/<c>~</c>/empty,
/// <c>true</c>/<c>false</c>, integers and floats become typed values; quoted scalars and <c>!!str</c> stay strings.
/// Errors are <paramref name="invalid"/> (a message whose arguments are the source and the detail): parameters files and
/// sweep files share the reader but keep their own codes.
/// </summary>
public static partial class YamlToJson
{
    private const string StrTag = "tag:yaml.org,2002:str";

    public static JsonNode? Convert(YamlNode node, string path, MessageDescriptor invalid) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping, path, invalid),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(c => Convert(c, path, invalid))]),
        YamlScalarNode scalar => ConvertScalar(scalar, path, invalid),
        _ => throw invalid.Exception(path, $"line {node.Start.Line}: unsupported YAML node"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping, string path, MessageDescriptor invalid)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
                throw invalid.Exception(path, $"line {key.Start.Line}: a key must be a plain name");
            if (result.ContainsKey(name))
                throw invalid.Exception(path, $"line {key.Start.Line}: '{name}' is given twice");
            result[name] = Convert(value, path, invalid);
        }

        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar, string path, MessageDescriptor invalid)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == StrTag)) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntPattern().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? JsonValue.Create(value)
                : throw invalid.Exception(path, $"line {scalar.Start.Line}: {text} is too large for a 64-bit integer; quote it to pass a string");
        }

        if (HexPattern().IsMatch(text)) return JsonValue.Create(System.Convert.ToInt64(text[2..], 16));
        if (OctalPattern().IsMatch(text)) return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
        if (FloatPattern().IsMatch(text))
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (SpecialFloatPattern().IsMatch(text))
            throw invalid.Exception(path, $"line {scalar.Start.Line}: {text} (infinity or NaN) has no JSON form; quote it to pass a string");
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]{1,15}$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^0o[0-7]{1,20}$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex SpecialFloatPattern();
}
