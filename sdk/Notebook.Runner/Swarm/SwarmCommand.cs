using System.Runtime.InteropServices;
using Notebook.Deployment.Swarm;
using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Runner.Swarm;

/// <summary>
/// <c>nbrun swarm</c>: one run, or a sweep, of a notebook image on the swarm behind DOCKER_HOST, from the host. The
/// work is in Notebook.Deployment's <see cref="SwarmJobRunner"/> and <see cref="SwarmSweepRunner"/>; this maps the
/// command line and the console onto them.
/// </summary>
public sealed class SwarmCommand(TextWriter stdout, TextWriter stderr, string workingDirectory)
{
    public async Task<int> ExecuteAsync(SwarmOptions options, SignalWatcher signals)
    {
        if (options.Help)
        {
            await stdout.WriteAsync(SwarmCommandLine.Usage + "\n");
            return ExitCodes.Ok;
        }
        if (options.Image is null) throw Messages.NB5292_SwarmUsage.Exception("--image REGISTRY/REPOSITORY@sha256:...");
        if (options.OutputDirectory is null) throw Messages.NB5292_SwarmUsage.Exception("--output-dir DIR");
        var image = ImageReference.Parse(options.Image);
        if (image.Digest is null) throw Messages.NB5292_SwarmUsage.Exception($"--image by digest (REGISTRY/REPOSITORY@sha256:...), not the tag '{options.Image}'");
        var results = options.ResultsRepository ?? $"{image.Registry}/{image.Repository}";
        var output = Path.GetFullPath(options.OutputDirectory, workingDirectory);
        var request = new SwarmRunRequest
        {
            Notebook = options.RunnerArgs.FirstOrDefault(a => a.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) ?? image.Repository,
            Image = options.Image,
            Args = options.RunnerArgs,
            ResultsRepository = results,
            OutputDirectory = output,
            NanoCpus = options.Cpu is null ? null : SwarmQuantities.NanoCpus(options.Cpu),
            MemoryBytes = options.Memory is null ? null : SwarmQuantities.Bytes(options.Memory),
            Retries = options.Retries ?? Deployment.Settings.RunSettings.DefaultRetries,
            Network = options.Network,
            ScheduleTimeout = options.ScheduleTimeout ?? TimeSpan.FromMinutes(5),
        };

        var console = new ConsoleOutput(stdout, stderr);
        using var engine = new DockerEngine();
        var runner = new SwarmJobRunner(engine);
        try
        {
            if (options.Sweep is { } sweep) return await SweepAsync(runner, request, Path.GetFullPath(sweep, workingDirectory), options.SweepConcurrency, console, signals.Token);
            var result = await runner.RunAsync(request, console, signals.Token);
            if (result.ResultFiles.Count > 0) await stderr.WriteLineAsync($"nbrun swarm: exit code {result.ExitCode} on node {result.NodeId}; results in {output}");
            return result.ExitCode;
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            await stderr.WriteLineAsync("nbrun swarm: cancelled; the run's service and containers are removed.");
            return signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        }
    }

    private async Task<int> SweepAsync(SwarmJobRunner runner, SwarmRunRequest request, string sweepFile, int concurrency, ConsoleOutput console, CancellationToken cancellationToken)
    {
        var count = SwarmQuantities.CountSweepSets(sweepFile);
        var bytes = await File.ReadAllBytesAsync(sweepFile, cancellationToken);
        var results = await new SwarmSweepRunner(runner).RunAsync(request, Path.GetFileName(sweepFile), bytes, count, concurrency, console, cancellationToken);
        await stdout.WriteAsync(SweepSummary.Table(results));
        var summary = await SweepSummary.WriteAsync(results, sweepFile, request.OutputDirectory, cancellationToken);
        var failed = results.Where(r => r.ExitCode != 0).ToList();
        if (failed.Count > 0)
            await stderr.WriteLineAsync(Messages.NB4139_SweepSetFailed.Create(failed.Count, results.Count, string.Join(", ", failed.Select(r => r.Index)), summary).ToString());
        else
            await stderr.WriteLineAsync($"nbrun swarm: {results.Count} parameter sets passed; results in {request.OutputDirectory}/N/, summary in {summary}");
        return SweepSummary.ExitCode(results);
    }

    /// <summary>The task's lines to this process's stdout and stderr, as 'docker service logs' shows them.</summary>
    private sealed class ConsoleOutput(TextWriter stdout, TextWriter stderr) : ISwarmRunOutput
    {
        private readonly object _lock = new();

        public void Line(DockerStream stream, string line)
        {
            lock (_lock) (stream == DockerStream.Stdout ? stdout : stderr).WriteLine(line);
        }

        public void Report(Diagnostic diagnostic)
        {
            lock (_lock) stderr.WriteLine(diagnostic.ToString());
        }

        public void Info(string message)
        {
            lock (_lock) stderr.WriteLine("nbrun swarm: " + message);
        }
    }
}
