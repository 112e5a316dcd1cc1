using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// Injects bound values as papermill does: a code cell tagged <c>injected-parameters</c> whose source is
/// <c># Parameters</c> then one <c>name = literal</c> line per value. It replaces an existing injected cell in place,
/// else goes right after the first <c>parameters</c> cell, else at the top (with an NB2040 warning). In nbformat 4.5+
/// the cell gets a deterministic id ("injected-parameters", suffixed when taken).
/// </summary>
public static class ParameterInjector
{
    /// <summary>The tag papermill gives the injected cell.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>
    /// Changes <paramref name="document"/> in place; returns warnings. Throws NB2041 for a language without a renderer.
    /// <paramref name="schema"/> gives each value's declared type, which C# literals depend on.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Inject(NotebookDocument document, IReadOnlyList<BoundParameter> values, string language, ParameterSchema? schema = null)
    {
        var renderer = LiteralRenderers.For(language) ?? throw Messages.NB2041_NoLiteralRenderer.Exception(language);
        var diagnostics = new List<Diagnostic>();
        var source = new StringBuilder(renderer.Comment("Parameters")).Append('\n');
        foreach (var value in values)
        {
            if (!renderer.IsValidName(value.Name)) throw new ArgumentException($"'{value.Name}' is not a valid {language} variable name.", nameof(values));
            var definition = schema?.Find(value.Name);
            var expression = value.EnvironmentVariable is { } variable ? renderer.ReadFromEnvironment(variable, definition) : renderer.Render(value.Value, definition);
            source.Append(renderer.Assign(value.Name, expression)).Append('\n');
        }

        var cells = document.CellArray;
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray((JsonNode)InjectedTag) },
            ["outputs"] = new JsonArray(),
            ["source"] = JsonHelpers.SplitMultiline(source.ToString()),
        };

        var existing = document.Cells.FirstOrDefault(c => c.HasTag(InjectedTag));
        var parameters = document.Cells.FirstOrDefault(c => c.HasTag(ParameterSchemaParser.ParametersTag));
        if (existing is not null)
        {
            var keepId = existing.Id;
            cells.RemoveAt(existing.Index);
            AddId(document, cell, keepId);
            cells.Insert(existing.Index, cell);
        }
        else
        {
            AddId(document, cell, null);
            if (parameters is not null)
            {
                cells.Insert(parameters.Index + 1, cell);
            }
            else
            {
                diagnostics.Add(Messages.NB2040_NoParametersCell.Create(document.Path, 0, 0));
                cells.Insert(0, cell);
            }
        }
        return diagnostics;
    }

    private static void AddId(NotebookDocument document, JsonObject cell, string? keep)
    {
        var usesIds = document.NbFormat == 4 && document.NbFormatMinor >= 5 || document.Cells.Any(c => c.Id is not null);
        if (!usesIds) return;
        if (keep is not null)
        {
            cell["id"] = keep;
            return;
        }
        var taken = document.Cells.Select(c => c.Id).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        var id = InjectedTag;
        for (var n = 2; taken.Contains(id); n++) id = $"{InjectedTag}-{n}";
        cell["id"] = id;
    }
}
