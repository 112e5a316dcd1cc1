using System.Text.Json.Nodes;
using Notebook.Documents;

namespace Notebook.Runner;

/// <summary>
/// Brings an nbformat 4.0-4.4 notebook to 4.5 before it runs: 4.5 makes a cell <c>id</c> required
/// (nbformat.v4.5.schema.json, and JEP 62), so every cell without one gets a unique id and <c>nbformat_minor</c> becomes 5.
/// </summary>
public static class NotebookUpgrader
{
    public static void UpgradeToLatestMinor(NotebookDocument document)
    {
        if (document.NbFormat != 4 || document.NbFormatMinor >= NotebookValidator.LatestMinor) return;

        var taken = document.Cells.Select(c => c.Id).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var cell in document.Cells)
        {
            if (cell.Id is not null) continue;
            var id = $"cell-{cell.Index}";
            for (var n = 1; taken.Contains(id); n++) id = $"cell-{cell.Index}-{n}";
            taken.Add(id);
            cell.Json["id"] = id;
        }

        document.Root["nbformat_minor"] = NotebookValidator.LatestMinor;
    }
}
