namespace Notebook.Documents;

/// <summary>
/// What of a cell the report shows: nbconvert's TagRemovePreprocessor tag names (<c>remove-cell</c>,
/// <c>remove-input</c>, <c>remove-output</c>), Jupyter Book's <c>hide-input</c>/<c>hide-output</c> (kept, folded
/// in a details element, as are parts JupyterLab collapsed: <c>metadata.jupyter.source_hidden</c>/<c>outputs_hidden</c>),
/// and <c>--no-input</c> for every code cell's input.
/// </summary>
internal readonly record struct CellVisibility(bool Cell, bool Input, bool InputFolded, bool Output, bool OutputFolded)
{
    public static CellVisibility For(NotebookCell cell, bool noInput)
    {
        if (cell.HasTag("remove-cell")) return new(false, false, false, false, false);
        var isCode = cell.CellType == "code";
        var input = !(cell.HasTag("remove-input") || (isCode && noInput));
        var output = !cell.HasTag("remove-output");
        var jupyter = cell.Json["metadata"]?["jupyter"];
        var sourceHidden = JsonHelpers.Get(jupyter, "source_hidden") is System.Text.Json.Nodes.JsonValue v1 && v1.TryGetValue(out bool b1) && b1;
        var outputsHidden = JsonHelpers.Get(jupyter, "outputs_hidden") is System.Text.Json.Nodes.JsonValue v2 && v2.TryGetValue(out bool b2) && b2;
        return new(true, input, input && (cell.HasTag("hide-input") || sourceHidden), output, output && (cell.HasTag("hide-output") || outputsHidden));
    }
}
