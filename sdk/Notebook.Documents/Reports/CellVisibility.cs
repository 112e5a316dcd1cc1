namespace Notebook.Documents;

/// <summary>
/// What of a cell the report shows: nbconvert's TagRemovePreprocessor tag names (<c>remove-cell</c>,
/// <c>remove-input</c>, <c>remove-output</c>), Jupyter Book's <c>hide-input</c>/<c>hide-output</c> (kept, folded
/// in a details element), and <c>--no-input</c> for every code cell's input.
/// </summary>
internal readonly record struct CellVisibility(bool Cell, bool Input, bool InputFolded, bool Output, bool OutputFolded)
{
    public static CellVisibility For(NotebookCell cell, bool noInput)
    {
        if (cell.HasTag("remove-cell")) return new(false, false, false, false, false);
        var isCode = cell.CellType == "code";
        var input = !(cell.HasTag("remove-input") || (isCode && noInput));
        var output = !cell.HasTag("remove-output");
        return new(true, input, input && cell.HasTag("hide-input"), output, output && cell.HasTag("hide-output"));
    }
}
