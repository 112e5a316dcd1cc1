using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>
/// A notebook as its JSON tree. <see cref="Root"/> is the whole document: fields this model does not know are
/// kept and written back unchanged. The helpers read nbformat 4 fields leniently (a wrong shape gives a default);
/// <see cref="NotebookValidator"/> is what reports wrong shapes.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonLineIndex? _lines;

    /// <summary>Wraps a JSON object (no copy). <paramref name="path"/> is only used in messages.</summary>
    public NotebookDocument(JsonObject root, string? path = null)
        : this(root, path, null)
    {
    }

    internal NotebookDocument(JsonObject root, string? path, JsonLineIndex? lines)
    {
        Root = root;
        Path = path;
        _lines = lines;
    }

    /// <summary>The document's JSON; edit it freely.</summary>
    public JsonObject Root { get; }

    /// <summary>The file it was read from, when known.</summary>
    public string? Path { get; }

    /// <summary><c>nbformat</c> (major), 0 when missing or not a number.</summary>
    public int NbFormat => JsonHelpers.AsInt(Root["nbformat"]) ?? 0;

    /// <summary><c>nbformat_minor</c>, 0 when missing or not a number.</summary>
    public int NbFormatMinor => JsonHelpers.AsInt(Root["nbformat_minor"]) ?? 0;

    /// <summary>The <c>metadata</c> object, created when missing.</summary>
    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>The <c>cells</c> array, created when missing.</summary>
    public JsonArray CellArray => Root["cells"] as JsonArray ?? (JsonArray)(Root["cells"] = new JsonArray());

    /// <summary>A view over each cell object, in order (non-object entries are skipped).</summary>
    public IEnumerable<NotebookCell> Cells
    {
        get
        {
            if (Root["cells"] is not JsonArray cells) yield break;
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells[i] is JsonObject cell) yield return new NotebookCell(cell, i);
            }
        }
    }

    /// <summary><c>metadata.kernelspec.name</c>, or null.</summary>
    public string? KernelName => JsonHelpers.AsString(JsonHelpers.Get(Root, "metadata", "kernelspec", "name"));

    /// <summary>
    /// The kernel's language: <c>metadata.kernelspec.language</c>, else <c>metadata.language_info.name</c>,
    /// else "python" (what Jupyter assumes for a notebook without metadata).
    /// </summary>
    public string Language =>
        JsonHelpers.AsString(JsonHelpers.Get(Root, "metadata", "kernelspec", "language"))
        ?? JsonHelpers.AsString(JsonHelpers.Get(Root, "metadata", "language_info", "name"))
        ?? "python";

    /// <summary>
    /// The 1-based line in the file where the value at <paramref name="jsonPath"/> starts
    /// (paths like <c>cells[2].source[0]</c>), 0 when unknown (built in memory, or changed since it was read).
    /// </summary>
    public int LineOf(string jsonPath) => _lines?.LineOf(jsonPath) ?? 0;

    /// <summary>
    /// The 1-based file line of line <paramref name="sourceLine"/> (0-based) of cell <paramref name="cellIndex"/>'s
    /// source, when the source is stored as a list of lines (as Jupyter writes it); else the line of the cell.
    /// </summary>
    public int LineOfSource(int cellIndex, int sourceLine)
    {
        if (_lines is null) return 0;
        if (Root["cells"] is JsonArray cellArray && cellIndex >= 0 && cellIndex < cellArray.Count && cellArray[cellIndex] is JsonObject cell && cell["source"] is JsonArray parts)
        {
            var remaining = sourceLine;
            for (var i = 0; i < parts.Count; i++)
            {
                var text = JsonHelpers.AsString(parts[i]) ?? "";
                var breaks = text.Count(c => c == '\n') - (text.EndsWith('\n') ? 1 : 0);
                if (remaining <= breaks)
                {
                    return _lines.LineOf($"cells[{cellIndex}].source[{i}]");
                }
                remaining -= breaks + 1;
            }
        }
        var sourceStart = _lines.LineOf($"cells[{cellIndex}].source");
        return sourceStart != 0 ? sourceStart : _lines.LineOf($"cells[{cellIndex}]");
    }

    /// <summary>A deep copy, detached from this document.</summary>
    public NotebookDocument Clone() => new((JsonObject)Root.DeepClone(), Path);
}

/// <summary>A thin view over one cell object of a notebook; writes go straight to <see cref="Json"/>.</summary>
public sealed class NotebookCell(JsonObject json, int index)
{
    /// <summary>The cell's JSON object.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>0-based position in <c>cells</c>.</summary>
    public int Index { get; } = index;

    /// <summary><c>cell_type</c> ("code", "markdown", "raw"), "" when missing.</summary>
    public string CellType => JsonHelpers.AsString(Json["cell_type"]) ?? "";

    /// <summary><c>id</c>, or null (cells before nbformat 4.5 have none).</summary>
    public string? Id => JsonHelpers.AsString(Json["id"]);

    /// <summary>The source as one string: nbformat stores it as a string or a list of strings to concatenate.</summary>
    public string Source
    {
        get => JsonHelpers.JoinMultiline(Json["source"]);
        set => Json["source"] = JsonHelpers.SplitMultiline(value);
    }

    /// <summary><c>metadata.tags</c> (strings only), empty when missing.</summary>
    public IReadOnlyList<string> Tags =>
        JsonHelpers.Get(Json, "metadata", "tags") is JsonArray tags
            ? tags.Select(JsonHelpers.AsString).Where(t => t is not null).Select(t => t!).ToArray()
            : [];

    /// <summary>True when <see cref="Tags"/> holds <paramref name="tag"/> (ordinal).</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary><c>execution_count</c> of a code cell, null when not run.</summary>
    public int? ExecutionCount => JsonHelpers.AsInt(Json["execution_count"]);

    /// <summary>The <c>outputs</c> array of a code cell (empty when missing).</summary>
    public IEnumerable<JsonObject> Outputs =>
        Json["outputs"] is JsonArray outputs ? outputs.OfType<JsonObject>() : [];
}
