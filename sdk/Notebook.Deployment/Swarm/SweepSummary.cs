using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Deployment.Swarm;

/// <summary>The table a sweep prints (set, exit code, duration, failing cell) and the same as JSON (sweep.json).</summary>
public static class SweepSummary
{
    public const string FileName = "sweep.json";

    public static string Table(IReadOnlyList<SweepSetResult> results)
    {
        var rows = results.Select(r => new[]
        {
            r.Index.ToString(CultureInfo.InvariantCulture),
            r.ExitCode.ToString(CultureInfo.InvariantCulture),
            r.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            r.FailingCell ?? (r.Error is null ? "" : r.Error),
        }).ToList();
        string[] header = ["set", "exit code", "duration", "failing cell"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Row(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        Row(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Row(row);
        return text.ToString();
    }

    public static JsonObject ToJson(IReadOnlyList<SweepSetResult> results, string sweepFile) => new()
    {
        ["sweep"] = sweepFile,
        ["sets"] = results.Count,
        ["failed"] = results.Count(r => r.ExitCode != 0),
        ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
        {
            ["set"] = r.Index,
            ["exit_code"] = r.ExitCode,
            ["duration_seconds"] = Math.Round(r.Duration.TotalSeconds, 3),
            ["failing_cell"] = r.FailingCell,
            ["attempts"] = r.Attempts,
            ["node"] = r.NodeId,
            ["output"] = r.OutputDirectory,
            ["error"] = r.Error,
        }).ToArray()),
    };

    /// <summary>Writes sweep.json into the output folder (atomically); returns its path.</summary>
    public static async Task<string> WriteAsync(IReadOnlyList<SweepSetResult> results, string sweepFile, string outputDirectory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, FileName);
        var json = ToJson(results, sweepFile).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        await AtomicWrite.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(json + "\n"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The sweep's exit code: 0 when every set passed, else the first failing set's code.</summary>
    public static int ExitCode(IReadOnlyList<SweepSetResult> results) => results.FirstOrDefault(r => r.ExitCode != 0)?.ExitCode ?? 0;
}
