using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>What the runner knows about a run, shown at the top of the HTML report; every field is optional.</summary>
/// <param name="Title">Page title; defaults to <c>metadata.title</c> or the notebook's file name.</param>
/// <param name="Status">For example "succeeded", "failed: cell 4 raised ValueError".</param>
/// <param name="Parameters">The injected values, shown as Python literals.</param>
/// <param name="Duration">Wall time of the run.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record ReportInfo(
    string? Title = null,
    string? Status = null,
    IReadOnlyList<BoundParameter>? Parameters = null,
    TimeSpan? Duration = null,
    DateTimeOffset? StartedAt = null);
