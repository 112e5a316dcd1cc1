using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents;
using Notebook.Execution;
using Notebook.Execution.Kernels;

namespace Notebook.Runner;

/// <summary>
/// Writes a run's files into its <see cref="OutputLayout"/>, each atomically: while the run goes on, the executed
/// notebook after every cell and every autosave interval (and run.json at the start and at each interval), marked
/// "running"; at the end the notebook, the HTML report and run.json, run.json last.
/// </summary>
public sealed class RunWriter(
    NotebookDocument document, OutputLayout layout, string runId, string notebookPath, IReadOnlyList<BoundParameter> shownParameters,
    SecretParameters secrets, DateTimeOffset started, TextWriter stderr)
{
    private readonly List<CellRun> _cells = [];
    private bool _warned;

    public string? KernelName { get; set; }

    /// <summary>The report hides every code cell's input (<c>--no-input</c>).</summary>
    public bool NoInput { get; init; }

    /// <summary>For the executor's progress: the cells done so far, for the saves during the run.</summary>
    public void Record(CellProgress progress)
    {
        if (progress.Status != CellStatus.Running) _cells.Add(new CellRun(progress.Index, progress.Status, progress.Duration, progress.ExecutionCount));
    }

    /// <summary>The first save, before any cell runs: a consumer finds a notebook and a run.json saying "running".</summary>
    public Task StartAsync() => SaveRunningAsync(withRunJson: true);

    /// <summary>The executor's checkpoint: the notebook after each cell, and run.json too at the autosave intervals.</summary>
    public Task CheckpointAsync(CheckpointReason reason) => SaveRunningAsync(withRunJson: reason == CheckpointReason.Interval);

    private async Task SaveRunningAsync(bool withRunJson)
    {
        var record = Record(RunOutcome.Running, DateTimeOffset.UtcNow, null);
        try
        {
            Prepare(record);
            await AtomicFile.WriteNotebookAsync(document, layout.Notebook, durable: false);
            if (withRunJson) await AtomicFile.WriteTextAsync(layout.RunJson, NotebookWriter.ToJsonPreservingOrder(RunJson(record)), durable: false);
        }
        catch (NotebookSdkException e)
        {
            // A full disk must not end a two-hour run: say it once, keep going, try again at the next save.
            if (!_warned) stderr.WriteLine(Messages.NB5223_AutosaveFailed.Create(e.Diagnostic.Message));
            _warned = true;
        }
    }

    /// <summary>The final files; returns run.json's text.</summary>
    public async Task<string> FinishAsync(RunOutcome outcome, IReadOnlyList<CellRun> cells, KernelShutdown? shutdown)
    {
        var ended = DateTimeOffset.UtcNow;
        var record = Record(outcome, ended, shutdown) with { Cells = cells };
        Prepare(record);
        var status = outcome.FailedCellIndex is { } failed && outcome.ExitCode != ExitCodes.Ok
            ? $"{outcome.Status}: cell {failed}" + (outcome.ErrorName is null ? "" : $" raised {outcome.ErrorName}")
            : outcome.Status;
        var report = HtmlReportRenderer.Render(document, new ReportInfo(
            Title: Path.GetFileName(notebookPath),
            Status: status,
            Parameters: shownParameters,
            Duration: ended - started,
            StartedAt: started)
        {
            Kernel = KernelName,
            FailedCellIndex = outcome.ExitCode != ExitCodes.Ok ? outcome.FailedCellIndex : null,
            NoInput = NoInput,
        });
        var runJson = NotebookWriter.ToJsonPreservingOrder(RunJson(record));

        await AtomicFile.WriteNotebookAsync(document, layout.Notebook);
        await AtomicFile.WriteTextAsync(layout.Report, report);
        // run.json last: a scheduler that sees it final can rely on the other two being complete.
        await AtomicFile.WriteTextAsync(layout.RunJson, runJson);
        return runJson;
    }

    private JsonObject RunJson(RunRecord record)
    {
        var json = record.ToRunJson(document);
        // An error message may quote a secret (raise ValueError(token)).
        secrets.ScrubTree(json);
        return json;
    }

    private RunRecord Record(RunOutcome outcome, DateTimeOffset now, KernelShutdown? shutdown) =>
        new(runId, notebookPath, layout.Notebook, shownParameters, KernelName, started, now, outcome, [.. _cells], shutdown);

    /// <summary>The run's metadata (ours and papermill's) into the notebook, and secret values out of its outputs.</summary>
    private void Prepare(RunRecord record)
    {
        var metadata = document.Metadata;
        if (metadata["notebook_sdk"] is not JsonObject sdk) metadata["notebook_sdk"] = sdk = new JsonObject();
        sdk["run"] = record.ToNotebookMetadata(document);
        secrets.ScrubTree(sdk["run"]);
        foreach (var cell in document.CellArray.OfType<JsonObject>())
        {
            secrets.ScrubTree(cell["outputs"]);
        }
    }

    /// <summary>
    /// papermill's record of the run, where its readers (scrapbook, papermill's own inspect) look:
    /// <c>metadata.papermill.parameters</c>, with secrets masked.
    /// </summary>
    public static void WritePapermillMetadata(NotebookDocument document, IReadOnlyList<BoundParameter> shownParameters, string inputPath, string outputPath)
    {
        var parameters = new JsonObject();
        foreach (var p in shownParameters) parameters[p.Name] = p.Value?.DeepClone();
        document.Metadata["papermill"] = new JsonObject
        {
            ["parameters"] = parameters,
            ["input_path"] = inputPath,
            ["output_path"] = outputPath,
        };
    }
}
