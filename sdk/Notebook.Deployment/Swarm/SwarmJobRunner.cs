using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Deployment.Swarm;

/// <summary>
/// Runs one notebook as a swarm <c>replicated-job</c> service of one task: configs for its files, the service,
/// its output relayed live, its exit code once the task ends, retries by exit code, and cleanup on every path
/// (Ctrl+C included); then the results the task pushed are pulled back from the registry, since the task may
/// have run on any node.
/// </summary>
public sealed class SwarmJobRunner(DockerEngine engine, RegistryClientOptions? registryOptions = null)
{
    /// <summary>The label every service, task container and config of a run carries (value: the run id).</summary>
    public const string RunLabel = "dev.notebook-sdk.run.id";
    public const string NotebookLabel = "dev.notebook-sdk.run.notebook";

    // swarmkit's label on the containers of a service's tasks.
    private const string ServiceIdLabel = "com.docker.swarm.service.id";

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long cleanup waits for the nodes to stop and remove a task's container.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static string NewRunId() => "nb-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public async Task<SwarmRunResult> RunAsync(SwarmRunRequest request, ISwarmRunOutput output, CancellationToken cancellationToken = default)
    {
        var manager = await engine.GetSwarmManagerAsync(cancellationToken).ConfigureAwait(false);
        // Docker before 24 leaves a removed job's containers running (moby#44312): park the job first.
        var park = MajorVersion(manager.EngineVersion) < 24;
        var runId = request.RunId ?? NewRunId();
        var results = $"{request.ResultsRepository}:{runId}";
        var clock = Stopwatch.StartNew();
        var labels = new Dictionary<string, string>(request.Labels) { [RunLabel] = runId, [NotebookLabel] = request.Notebook };
        var configs = new List<string>();
        try
        {
            var mounts = new List<SwarmConfigFile>();
            for (var i = 0; i < request.Files.Count; i++)
            {
                var (path, content) = request.Files[i];
                var name = $"{runId}-file{i}";
                var id = await engine.CreateConfigAsync(name, content, labels, cancellationToken).ConfigureAwait(false);
                configs.Add(id);
                mounts.Add(new(id, name, path));
            }

            var memoryWatch = new MemoryKillWatch(output);
            Attempt attempt;
            var number = 0;
            while (true)
            {
                number++;
                attempt = await RunAttemptAsync(request, $"{runId}-{number}", results, labels, mounts, park, memoryWatch, cancellationToken).ConfigureAwait(false);
                if (!SwarmRetryPolicy.IsRetryable(attempt.ExitCode) || number > request.Retries) break;
                output.Report(Messages.NB4137_SwarmRetrying.Create(request.Notebook, (object)attempt.ExitCode, number, request.Retries));
                memoryWatch.Reset();
            }

            var files = await PullResultsAsync(request, results, output, cancellationToken).ConfigureAwait(false);
            var killedForMemory = attempt.OomKilled || memoryWatch.Seen;
            if (killedForMemory && request.MemoryBytes is { } limit)
            {
                var saved = files.Count > 0 ? $"the notebook as far as it ran is in '{request.OutputDirectory}'" : "nothing was saved (the runner itself was killed)";
                output.Report(Messages.NB4134_SwarmTaskKilledForMemory.Create(request.Notebook, FormatBytes(limit), attempt.ExitCode, saved));
            }
            return new SwarmRunResult(attempt.ExitCode, number, attempt.NodeId, clock.Elapsed, files, killedForMemory)
            {
                FailingCell = RunJson.FailingCell(files),
            };
        }
        finally
        {
            foreach (var id in configs) await Quietly(output, () => engine.RemoveConfigAsync(id, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private sealed record Attempt(int ExitCode, string NodeId, bool OomKilled);

    private async Task<Attempt> RunAttemptAsync(SwarmRunRequest request, string name, string results, IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<SwarmConfigFile> mounts, bool park, MemoryKillWatch output, CancellationToken cancellationToken)
    {
        var spec = new DockerServiceSpec
        {
            Name = name,
            Image = request.Image,
            Args = [.. request.Args, "--push-results", results],
            Environment = [new("NOTEBOOK_IMAGE", request.Image)],
            Labels = labels,
            NanoCpus = request.NanoCpus,
            MemoryBytes = request.MemoryBytes,
            Network = request.Network,
            ConfigFiles = mounts,
        };
        var serviceId = await engine.CreateJobServiceAsync(spec, cancellationToken).ConfigureAwait(false);
        var relay = new ServiceLogRelay(engine, serviceId, output);
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var follow = relay.FollowAsync(stopFollowing.Token);
        try
        {
            var task = await WaitForEndAsync(request, serviceId, cancellationToken).ConfigureAwait(false);
            await stopFollowing.CancelAsync().ConfigureAwait(false);
            await follow.ConfigureAwait(false);
            await relay.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            return await EvaluateAsync(request, task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopFollowing.CancelAsync().ConfigureAwait(false);
            await follow.ConfigureAwait(false);
            await RemoveAsync(request, serviceId, park, output).ConfigureAwait(false);
        }
    }

    private async Task<DockerTaskInfo> WaitForEndAsync(SwarmRunRequest request, string serviceId, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await engine.ListServiceTasksAsync(serviceId, cancellationToken).ConfigureAwait(false);
            if (tasks.LastOrDefault() is { } task)
            {
                if (task.IsTerminal) return task;
                // Waiting for a node ("pending": no node has the CPU and memory free) is bounded; pulling and running are not.
                if (task.State is "new" or "pending" && waiting.Elapsed > request.ScheduleTimeout)
                    throw Messages.NB4133_SwarmTaskNotScheduled.Exception(request.Notebook, Durations(request.ScheduleTimeout),
                        FirstNonEmpty(task.Error, task.Message, "no node answered"), Resources(request));
                if (task.State is not ("new" or "pending")) waiting.Restart();
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> EvaluateAsync(SwarmRunRequest request, DockerTaskInfo task, CancellationToken cancellationToken)
    {
        switch (task.State)
        {
            case "complete":
                return new Attempt(0, task.NodeId, false);
            case "failed" when task.ExitCode is > 0 and var code:
                var oom = code == 137 && task.ContainerId is { } container
                    && await engine.WasOomKilledAsync(container, cancellationToken).ConfigureAwait(false) == true;
                return new Attempt((int)code, task.NodeId, oom);
            case "failed" or "rejected":
                throw Messages.NB4132_SwarmTaskRejected.Exception(request.Notebook, Node(task), FirstNonEmpty(task.Error, task.Message, task.State), request.Network ?? "(default)");
            default:
                throw Messages.NB4135_SwarmTaskLost.Exception(request.Notebook, Node(task), task.Id, FirstNonEmpty(task.Error, task.Message, task.State));
        }
    }

    /// <summary>Stops and removes the service and its containers on every node; never throws (a failure is reported).</summary>
    private async Task RemoveAsync(SwarmRunRequest request, string serviceId, bool park, ISwarmRunOutput output)
    {
        using var bound = new CancellationTokenSource(CleanupTimeout);
        var token = bound.Token;
        await Quietly(output, async () =>
        {
            if (park)
            {
                var before = await engine.ListServiceTasksAsync(serviceId, token).ConfigureAwait(false);
                var last = before.Count == 0 ? 0UL : before.Max(t => t.JobIteration);
                await engine.ParkJobServiceAsync(serviceId, token).ConfigureAwait(false);
                try
                {
                    while (true)
                    {
                        var left = (await engine.ListServiceTasksAsync(serviceId, token).ConfigureAwait(false)).Where(t => t.JobIteration <= last).ToList();
                        // Done when nothing of the earlier iteration still runs: ended tasks, and tasks that never got a container.
                        if (left.All(t => t.IsTerminal || (t.ContainerId is null && t.State is "new" or "pending"))) break;
                        await Task.Delay(PollInterval, token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (bound.IsCancellationRequested)
                {
                    var stuck = (await engine.ListServiceTasksAsync(serviceId, CancellationToken.None).ConfigureAwait(false)).FirstOrDefault(t => t.JobIteration <= last);
                    output.Report(Messages.NB4138_SwarmCancelLeftContainer.Create(request.Notebook, stuck is null ? "?" : Node(stuck), Durations(CleanupTimeout), stuck?.ContainerId ?? "?"));
                }
            }
            // Containers on this engine go at once whatever the version (and whatever the nodes did).
            foreach (var container in await engine.ListContainersAsync(new Dictionary<string, string?> { [ServiceIdLabel] = serviceId }, CancellationToken.None).ConfigureAwait(false))
                await engine.RemoveContainerAsync(container.Id, CancellationToken.None).ConfigureAwait(false);
            await engine.RemoveServiceAsync(serviceId, CancellationToken.None).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> PullResultsAsync(SwarmRunRequest request, string results, ISwarmRunOutput output, CancellationToken cancellationToken)
    {
        try
        {
            var files = await new ResultsPuller(registryOptions).PullAsync(ImageReference.Parse(results), request.OutputDirectory, cancellationToken).ConfigureAwait(false);
            if (files is null) output.Report(Messages.NB4136_SwarmResultsMissing.Create(request.Notebook, results, "the registry has no artifact by that tag"));
            return files ?? [];
        }
        catch (NotebookSdkException e)
        {
            output.Report(Messages.NB4136_SwarmResultsMissing.Create(request.Notebook, results, e.Diagnostic.Message));
            return [];
        }
    }

    private static async Task Quietly(ISwarmRunOutput output, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (NotebookSdkException e)
        {
            output.Report(e.Diagnostic);
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static int MajorVersion(string version) =>
        int.TryParse(version.Split('.', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;

    private static string Node(DockerTaskInfo task) => task.NodeId.Length > 0 ? task.NodeId : "(none)";

    private static string FirstNonEmpty(params string[] texts) => texts.First(t => !string.IsNullOrWhiteSpace(t));

    private static string Resources(SwarmRunRequest request) =>
        $"{(request.NanoCpus is { } cpu ? (cpu / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " CPU" : "no CPU limit")}, " +
        $"{(request.MemoryBytes is { } memory ? FormatBytes(memory) : "no memory limit")}";

    internal static string FormatBytes(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}Gi" : bytes % (1L << 20) == 0 ? $"{bytes >> 20}Mi" : $"{bytes} bytes";

    private static string Durations(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";

    /// <summary>Sees the runner's NB5293 (its kernel killed by the OOM killer) go by in the task's output.</summary>
    private sealed class MemoryKillWatch(ISwarmRunOutput inner) : ISwarmRunOutput
    {
        public bool Seen { get; private set; }

        public void Reset() => Seen = false;

        public void Line(DockerStream stream, string line)
        {
            if (line.Contains("NB5293", StringComparison.Ordinal)) Seen = true;
            inner.Line(stream, line);
        }

        public void Report(Diagnostic diagnostic) => inner.Report(diagnostic);

        public void Info(string message) => inner.Info(message);
    }
}
