using System.Text;
using Notebook.Documents;

namespace Notebook.Runner;

/// <summary><c>--list-parameters</c>: a text table (name, type, default, allowed values, description) or the JSON schema.</summary>
public static class ParameterLister
{
    public static string Render(ParameterSchema schema, bool json)
    {
        if (json) return schema.ToJson();
        if (schema.Parameters.Count == 0) return "This notebook has no parameters (no cell tagged 'parameters').\n";

        var header = new[] { "NAME", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION" };
        var rows = schema.Parameters.Select(p => new[]
        {
            p.Name,
            p.Type.AllowedValues is null ? p.TypeName : KindName(p.Type),
            !p.HasDefault ? "(expression)" : OneLine(PythonLiteralRenderer.Instance.Render(p.Default)),
            p.Type.AllowedValues is null ? "" : string.Join(", ", p.Type.AllowedValues.Select(v => PythonLiteralRenderer.Instance.Render(v))),
            OneLine(p.Description ?? ""),
        }).ToList();

        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < widths.Length; i++) text.Append(row[i].PadRight(widths[i])).Append("  ");
            text.Append(row[^1]);
            text.Append('\n');
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd()));
    }

    private static string KindName(ParameterType type) => $"Literal ({type with { AllowedValues = null }})";

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 60 ? line[..57] + "..." : line;
    }
}
