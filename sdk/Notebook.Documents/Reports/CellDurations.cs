using System.Globalization;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>A cell's execution time from nbclient's <c>metadata.execution</c> timestamps (what the executor records).</summary>
internal static class CellDurations
{
    public static TimeSpan? From(NotebookCell cell)
    {
        if (cell.Json["metadata"]?["execution"] is not JsonObject execution) return null;
        var start = Time(execution, "iopub.execute_input") ?? Time(execution, "iopub.status.busy");
        var end = Time(execution, "shell.execute_reply") ?? Time(execution, "iopub.status.idle");
        return start is { } s && end is { } e && e >= s ? e - s : null;
    }

    private static DateTimeOffset? Time(JsonObject execution, string key) =>
        JsonHelpers.AsString(execution[key]) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    public static string Format(TimeSpan d) =>
        d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : d.TotalMinutes >= 1 ? d.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : d.TotalSeconds >= 10 ? d.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s"
        : d.TotalSeconds >= 1 ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
