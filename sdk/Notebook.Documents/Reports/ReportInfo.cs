namespace Notebook.Documents;

/// <summary>What the runner knows about a run, shown at the top of the HTML report; every field is optional.</summary>
/// <param name="Title">Page title; defaults to <c>metadata.title</c> or the notebook's file name.</param>
/// <param name="Status">For example "succeeded", "failed: cell 4 raised ValueError".</param>
/// <param name="Parameters">The injected values, shown as Python literals (secrets arrive already masked).</param>
/// <param name="Duration">Wall time of the run.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record ReportInfo(
    string? Title = null,
    string? Status = null,
    IReadOnlyList<BoundParameter>? Parameters = null,
    TimeSpan? Duration = null,
    DateTimeOffset? StartedAt = null)
{
    /// <summary>The kernel shown in the header; defaults to the notebook's kernelspec.</summary>
    public string? Kernel { get; init; }

    /// <summary>Index (in the notebook's cells array) of the cell that failed: the status links to it.</summary>
    public int? FailedCellIndex { get; init; }

    /// <summary>Each cell's duration by cell index; cells not listed take theirs from <c>metadata.execution</c>.</summary>
    public IReadOnlyDictionary<int, TimeSpan>? CellDurations { get; init; }

    /// <summary>Hide the input of every code cell (nbconvert's <c>--no-input</c>); outputs stay.</summary>
    public bool NoInput { get; init; }
}
