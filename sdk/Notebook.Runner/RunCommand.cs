using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents;
using Notebook.Execution;
using Notebook.Execution.Kernels;

namespace Notebook.Runner;

/// <summary>
/// One nbrun invocation after the command line is parsed: find and check the notebook, bind parameters (every error
/// reported, nothing run), inject them, execute, then write the executed notebook, the HTML report and run.json.
/// </summary>
public sealed class RunCommand(TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?> getEnvironmentVariable)
{
    public async Task<int> ExecuteAsync(RunnerOptions options, SignalWatcher signals)
    {
        var notebookPath = NotebookLocator.Locate(options.NotebookPath, workingDirectory, getEnvironmentVariable);
        var document = await NotebookReader.ReadAsync(notebookPath, signals.Token);
        var problems = NotebookValidator.Validate(document, notebookPath);
        ReportAll(problems);
        if (NotebookValidator.HasErrors(problems)) return Fail(Messages.NB5212_InvalidNotebook.Create(notebookPath));

        var schema = await LoadSchemaAsync(document, notebookPath, signals.Token);
        if (schema is null) return ExitCodes.Usage;
        if (options.ListParameters)
        {
            await stdout.WriteAsync(ParameterLister.Render(schema, options.Json));
            return ExitCodes.Ok;
        }

        var fileValues = options.ParametersFile is null
            ? null
            : await ParameterFileReader.ReadAsync(Path.GetFullPath(options.ParametersFile, workingDirectory), signals.Token);
        var (bound, errors) = ParameterBinder.TryBind(schema, options.Parameters, fileValues);
        if (errors.Count > 0)
        {
            ReportAll(errors);
            stderr.WriteLine($"No cell was run. Run 'nbrun {Path.GetFileName(notebookPath)} --list-parameters' for the accepted parameters.");
            return ExitCodes.Usage;
        }

        var outputDirectory = Path.GetFullPath(options.OutputDirectory, workingDirectory);
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        var outputNotebook = Path.Combine(outputDirectory, name + ".ipynb");
        if (string.Equals(Path.GetFullPath(outputNotebook), Path.GetFullPath(notebookPath), StringComparison.Ordinal))
        {
            // The executed notebook would replace the notebook itself (papermill allows it; here it is refused).
            return Fail(Messages.NB5216_OutputWouldReplaceNotebook.Create(notebookPath, outputDirectory), ExitCodes.Usage);
        }

        try
        {
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(Messages.NB5211_OutputWriteFailed.Create(outputDirectory, e.Message), ExitCodes.Usage);
        }

        NotebookUpgrader.UpgradeToLatestMinor(document);
        if (bound.Count > 0) ReportAll(ParameterInjector.Inject(document, bound, schema.Language));

        var started = DateTimeOffset.UtcNow;
        var (outcome, kernelName, cells, shutdown) = await ExecuteAsync(document, notebookPath, options, signals);
        var record = new RunRecord(notebookPath, outputNotebook, bound, kernelName, started, DateTimeOffset.UtcNow, outcome, cells, shutdown);

        await WriteOutputsAsync(document, record, outputDirectory, name, options.Json, options.NoInput || IsTrue(getEnvironmentVariable("NOTEBOOK_REPORT_NO_INPUT")));
        if (outcome.Note is not null) stderr.WriteLine(outcome.Note);
        if (outcome.Diagnostic is not null) stderr.WriteLine(outcome.Diagnostic);
        if (signals.Received is { } signal)
        {
            stderr.WriteLine(Messages.NB5213_RunStoppedBySignal.Create(signal, outcome.FailedCellIndex?.ToString() ?? "(none)", outputDirectory));
        }

        return outcome.ExitCode;
    }

    private async Task<ParameterSchema?> LoadSchemaAsync(NotebookDocument document, string notebookPath, CancellationToken cancellationToken)
    {
        var schemaPath = NotebookLocator.SchemaPathFor(notebookPath);
        if (File.Exists(schemaPath))
        {
            try
            {
                return await ParameterSchema.LoadAsync(schemaPath, cancellationToken);
            }
            catch (NotebookSdkException e)
            {
                Fail(e.Diagnostic.WithLocation(schemaPath));
                return null;
            }
        }

        var (schema, diagnostics) = ParameterSchemaParser.Parse(document, notebookPath);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        ReportAll(errors);
        return errors.Count > 0 ? null : schema;
    }

    private async Task<(RunOutcome Outcome, string? KernelName, IReadOnlyList<CellRun> Cells, KernelShutdown? Shutdown)> ExecuteAsync(
        NotebookDocument document, string notebookPath, RunnerOptions options, SignalWatcher signals)
    {
        var progress = new ProgressPrinter(stderr, ProgressPrinter.CountRunnable(document.Root));
        var executionOptions = new ExecutionOptions
        {
            KernelName = options.KernelName,
            Timeout = options.Timeout,
            CellTimeout = options.CellTimeout,
            AllowErrors = options.AllowErrors,
            WorkingDirectory = Path.GetDirectoryName(notebookPath),
            Progress = progress.Report,
        };
        try
        {
            var result = await new NotebookExecutor().ExecuteAsync(document.Root, executionOptions, signals.Token);
            return (RunOutcome.From(result, signals.Received), result.KernelName, result.Cells, result.KernelShutdown);
        }
        catch (NotebookSdkException e)
        {
            // NB5101-NB5104: no kernel could be started; the notebook was not run at all.
            return (new RunOutcome("kernel_failed", ExitCodes.Kernel, Diagnostic: e.Diagnostic), options.KernelName ?? document.KernelName, [], null);
        }
    }

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private async Task WriteOutputsAsync(NotebookDocument document, RunRecord record, string outputDirectory, string name, bool json, bool noInput)
    {
        var metadata = document.Metadata;
        if (metadata["notebook_sdk"] is not JsonObject sdk) metadata["notebook_sdk"] = sdk = new JsonObject();
        sdk["run"] = record.ToNotebookMetadata(document);

        var outcome = record.Outcome;
        var status = outcome.FailedCellIndex is { } failed && outcome.ExitCode != ExitCodes.Ok
            ? $"{outcome.Status}: cell {failed}" + (outcome.ErrorName is null ? "" : $" raised {outcome.ErrorName}")
            : outcome.Status;
        var report = HtmlReportRenderer.Render(document, new ReportInfo(
            Title: Path.GetFileName(record.NotebookPath),
            Status: status,
            Parameters: record.Parameters,
            Duration: record.Ended - record.Started,
            StartedAt: record.Started)
        {
            Kernel = record.KernelName,
            FailedCellIndex = outcome.ExitCode != ExitCodes.Ok ? outcome.FailedCellIndex : null,
            NoInput = noInput,
        });
        var runJson = NotebookWriter.ToJsonPreservingOrder(record.ToRunJson(document));

        await AtomicFile.WriteNotebookAsync(document, Path.Combine(outputDirectory, name + ".ipynb"));
        await AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, name + ".html"), report);
        // run.json last: a scheduler that sees it can rely on the other two being complete.
        await AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, "run.json"), runJson);
        if (json) await stdout.WriteAsync(runJson);
    }

    private void ReportAll(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics) stderr.WriteLine(diagnostic);
    }

    private int Fail(Diagnostic diagnostic, int exitCode = ExitCodes.Usage)
    {
        stderr.WriteLine(diagnostic);
        return exitCode;
    }
}
