using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents;
using Notebook.Execution;
using Notebook.Execution.Kernels;

namespace Notebook.Runner;

/// <summary>
/// One nbrun invocation after the command line is parsed: find and check the notebook, bind parameters (every error
/// reported, nothing run), inject them, execute while saving as it goes, then write the executed notebook, the HTML
/// report and run.json, and push them when asked.
/// </summary>
public sealed class RunCommand(TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?> getEnvironmentVariable)
{
    /// <summary>Set to 1/true/yes in the image, so that container logs show the notebook's output (<c>--log-output</c>).</summary>
    public const string LogOutputVariable = "NBRUN_LOG_OUTPUT";

    public async Task<int> ExecuteAsync(RunnerOptions options, SignalWatcher signals)
    {
        var notebookPath = NotebookLocator.Locate(options.NotebookPath, workingDirectory, getEnvironmentVariable);
        var document = await NotebookReader.ReadAsync(notebookPath, signals.Token);
        var problems = NotebookValidator.Validate(document, notebookPath);
        ReportAll(problems);
        if (NotebookValidator.HasErrors(problems)) return Fail(Messages.NB5212_InvalidNotebook.Create(notebookPath));

        var schema = await LoadSchemaAsync(document, notebookPath, options, signals.Token);
        if (schema is null) return ExitCodes.Usage;
        if (options.ListParameters)
        {
            await stdout.WriteAsync(ParameterLister.Render(schema, options.Json));
            return ExitCodes.Ok;
        }

        var sources = new ParameterSources(workingDirectory, getEnvironmentVariable);
        var fileValues = sources.MergeSweepSet(options.Sweep, options.SweepIndex, await sources.ReadDocumentsAsync(options.ParameterDocuments, signals.Token));
        var (bound, errors) = ParameterBinder.TryBind(schema, sources.Resolve(options.Parameters), fileValues);
        if (errors.Count > 0)
        {
            ReportAll(errors);
            stderr.WriteLine($"No cell was run. Run 'nbrun {Path.GetFileName(notebookPath)} --list-parameters' for the accepted parameters.");
            return ExitCodes.Usage;
        }

        var secrets = SecretParameters.For(schema, bound, options.Parameters, d => stderr.WriteLine(d));
        var runId = OutputLayout.NewRunId();
        var started = DateTimeOffset.UtcNow;
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        var layout = new OutputLayout(Path.GetFullPath(OutputLayout.Expand(options.OutputDirectory, name, runId, started), workingDirectory), name);
        if (string.Equals(Path.GetFullPath(layout.Notebook), Path.GetFullPath(notebookPath), StringComparison.Ordinal))
        {
            // The executed notebook would replace the notebook itself (papermill allows it; here it is refused).
            return Fail(Messages.NB5216_OutputWouldReplaceNotebook.Create(notebookPath, layout.Directory), ExitCodes.Usage);
        }

        var kernelDirectory = options.WorkingDirectory is { } cwd ? Path.GetFullPath(cwd, workingDirectory) : Path.GetDirectoryName(notebookPath)!;
        if (!Directory.Exists(kernelDirectory)) return Fail(Messages.NB5221_WorkingDirectoryNotFound.Create(kernelDirectory));

        TempFolderCheck.EnsureWritable(getEnvironmentVariable);
        GatewaySetup.Check(options, getEnvironmentVariable);
        try
        {
            Directory.CreateDirectory(layout.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(Messages.NB5211_OutputWriteFailed.Create(layout.Directory, e.Message), ExitCodes.Usage);
        }

        NotebookUpgrader.UpgradeToLatestMinor(document);
        // Widget state belongs to the run that made it; this runner has no widget manager to record a new one.
        document.Metadata.Remove("widgets");
        if (bound.Count > 0) ReportAll(ParameterInjector.Inject(document, secrets.Injected, schema.Language, schema));
        RunWriter.WritePapermillMetadata(document, secrets.Shown, notebookPath, layout.Notebook);
        if (options.PrepareOnly)
        {
            await AtomicFile.WriteNotebookAsync(document, layout.Notebook);
            stderr.WriteLine(Messages.NB5225_PreparedOnly.Create(layout.Notebook));
            return ExitCodes.Ok;
        }

        var writer = new RunWriter(document, layout, runId, notebookPath, secrets.Shown, secrets, started, stderr)
        {
            KernelName = options.KernelName ?? document.KernelName,
            NoInput = options.NoInput || IsTrue(getEnvironmentVariable(NoInputVariable)),
        };
        await writer.StartAsync();
        var (outcome, kernelName, cells, shutdown) = await ExecuteAsync(document, kernelDirectory, options, signals, writer, secrets);
        writer.KernelName = kernelName;
        if (outcome.Status == "kernel_failed")
        {
            ClearOutputs(document);
            stderr.WriteLine(Messages.NB5222_RunNeverStarted.Create(layout.Notebook));
        }

        var runJson = await writer.FinishAsync(outcome, cells, shutdown);
        if (options.Json) await stdout.WriteAsync(runJson);
        if (outcome.Note is not null) stderr.WriteLine(secrets.Scrub(outcome.Note.ToString()));
        if (outcome.Diagnostic is not null) stderr.WriteLine(secrets.Scrub(outcome.Diagnostic.ToString()));
        if (signals.Received is { } signal)
        {
            stderr.WriteLine(Messages.NB5213_RunStoppedBySignal.Create(signal, outcome.FailedCellIndex?.ToString() ?? "(none)", layout.Directory));
        }

        if (options.PushResults is { } target && !await PushResultsAsync(target, layout, runId))
        {
            // A failed run keeps its own exit code: a retry policy keys on why the notebook failed.
            return outcome.ExitCode == ExitCodes.Ok ? ExitCodes.ResultsPushFailed : outcome.ExitCode;
        }

        return outcome.ExitCode;
    }

    /// <summary>The environment variable that names the running image by digest; the results are attached to it.</summary>
    public const string ImageVariable = "NOTEBOOK_IMAGE";

    // A stopped run still ships its results (Kubernetes gives 30 s between SIGTERM and SIGKILL by default).
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(120);

    private async Task<bool> PushResultsAsync(string target, OutputLayout layout, string runId)
    {
        using var timeout = new CancellationTokenSource(PushTimeout);
        try
        {
            var image = getEnvironmentVariable(ImageVariable) is { Length: > 0 } named ? named : null;
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["dev.notebook-sdk.run.id"] = runId,
                ["dev.notebook-sdk.run.notebook"] = layout.Name,
            };
            var pushed = await new Notebook.Images.ResultsPusher(new Notebook.Images.RegistryClientOptions { Environment = getEnvironmentVariable })
                .PushAsync(target, [layout.Notebook, layout.Report, layout.RunJson], image, annotations, timeout.Token);
            stderr.WriteLine(Messages.NB5227_ResultsPushed.Create(pushed.Reference, pushed.Subject is null ? "no subject" : "attached to " + pushed.Subject));
            return true;
        }
        catch (NotebookSdkException e)
        {
            stderr.WriteLine(Messages.NB5226_ResultsPushFailed.Create(target, e.Diagnostic.ToString(), layout.Directory));
            return false;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine(Messages.NB5226_ResultsPushFailed.Create(target, $"it took longer than {PushTimeout.TotalSeconds:0} s.", layout.Directory));
            return false;
        }
    }

    /// <summary>An image's default for <c>--no-input</c> (a project sets it with a <c>ContainerEnvironmentVariable</c> item).</summary>
    public const string NoInputVariable = "NOTEBOOK_REPORT_NO_INPUT";

    private bool LogOutput(RunnerOptions options) => options.LogOutput ?? IsTrue(getEnvironmentVariable(LogOutputVariable));

    private static bool IsTrue(string? value) => value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private async Task<ParameterSchema?> LoadSchemaAsync(NotebookDocument document, string notebookPath, RunnerOptions options, CancellationToken cancellationToken)
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

        if (CSharpLanguage.Is(document.Language) && document.Cells.Any(c => c.HasTag(ParameterSchemaParser.ParametersTag)))
        {
            // C# parameters cells are read with Roslyn at build; the runner (NativeAOT) does not carry a compiler.
            // Without values nothing needs the schema, so a C# notebook still runs as it is.
            if (options.Parameters.Count == 0 && options.ParameterDocuments.Count == 0 && !options.ListParameters)
                return new ParameterSchema([], document.Language, document.KernelName, null);
            Fail(Messages.NB2105_CSharpSchemaMissing.Create(notebookPath, schemaPath));
            return null;
        }

        var (schema, diagnostics) = ParameterSchemaParser.Parse(document, notebookPath);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        ReportAll(errors);
        return errors.Count > 0 ? null : schema;
    }

    private async Task<(RunOutcome Outcome, string? KernelName, IReadOnlyList<CellRun> Cells, KernelShutdown? Shutdown)> ExecuteAsync(
        NotebookDocument document, string kernelDirectory, RunnerOptions options, SignalWatcher signals, RunWriter writer, SecretParameters secrets)
    {
        var progress = new ProgressPrinter(stderr, ProgressPrinter.CountRunnable(document.Root));
        var log = LogOutput(options) ? new OutputLog(stdout, stderr, secrets) : null;
        var kernel = new KernelClientOptions();
        var executionOptions = new ExecutionOptions
        {
            KernelName = options.KernelName,
            Timeout = options.Timeout,
            CellTimeout = options.CellTimeout,
            AllowErrors = options.AllowErrors,
            WorkingDirectory = kernelDirectory,
            Environment = secrets.KernelEnvironment.Count > 0 ? secrets.KernelEnvironment : null,
            Provisioner = GatewaySetup.CreateProvisioner(options, getEnvironmentVariable, d => stderr.WriteLine(d)),
            Kernel = options.StartTimeout is { } startTimeout ? kernel with { StartupTimeout = startTimeout } : kernel,
            MaxStreamOutput = options.MaxStreamOutput ?? ExecutionOptions.DefaultMaxStreamOutput,
            Output = log is null ? null : log.Write,
            Checkpoint = writer.CheckpointAsync,
            CheckpointInterval = options.AutosaveInterval,
            Progress = p =>
            {
                writer.Record(p);
                progress.Report(p);
            },
        };
        var cgroup = new MemoryCgroup();
        var oomKillsBefore = cgroup.OomKills();
        try
        {
            var result = await new NotebookExecutor().ExecuteAsync(document.Root, executionOptions, signals.Token);
            var outcome = RunOutcome.From(result, signals.Received);
            // A kernel the cgroup's out-of-memory killer took: say so, and what to change (the exit code stays 3).
            if (outcome.Status == "kernel_died" && cgroup.OomKills() > (oomKillsBefore ?? 0))
                outcome = outcome with { ErrorName = "OutOfMemory", Diagnostic = Messages.NB5293_KernelKilledForMemory.Create(MemoryCgroup.Format(cgroup.Limit())) };
            return (outcome, result.KernelName, result.Cells, result.KernelShutdown);
        }
        catch (NotebookSdkException e)
        {
            // NB5101-NB5104: no kernel could be started; the notebook was not run at all.
            return (new RunOutcome("kernel_failed", ExitCodes.Kernel, Diagnostic: e.Diagnostic), options.KernelName ?? document.KernelName, [], null);
        }
    }

    /// <summary>A run that never started: no cell keeps outputs or counts from an earlier run (papermill clears them too).</summary>
    private static void ClearOutputs(NotebookDocument document)
    {
        foreach (var cell in document.CellArray.OfType<JsonObject>())
        {
            if (cell["cell_type"]?.ToString() != "code") continue;
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
            (cell["metadata"] as JsonObject)?.Remove("execution");
        }
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
