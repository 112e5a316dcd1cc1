using Shouldly;
using System.Text.Json.Nodes;
using Notebook.Deployment.Swarm;
using Xunit;

namespace Notebook.Deployment.Tests.Swarm;

/// <summary>One notebook run as a swarm job through <see cref="SwarmJobRunner"/>, on the real swarm of the fixture.</summary>
[Collection(SwarmCollection.Name)]
public sealed class SwarmRunTests(SwarmFixture swarm) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("nbswarm-out-").FullName;

    [Fact]
    public async Task The_task_sees_its_cpu_and_memory_limits_in_its_cgroup_and_the_results_come_back()
    {
        await swarm.UseNodesAsync(swarm.ManagerNodeId);
        using var engine = swarm.ManagerEngine();
        var output = new RecordingOutput();

        var result = await new SwarmJobRunner(engine).RunAsync(Request("limits.ipynb") with { NanoCpus = 500_000_000, MemoryBytes = 256L << 20 }, output);

        result.ExitCode.ShouldBe(0, output.Text);
        result.NodeId.ShouldBe(swarm.ManagerNodeId);
        var printed = StreamText(Path.Combine(_output, "limits.ipynb"));
        printed.ShouldContain($"memory {256L << 20}");
        // cgroup v1: quota and period in microseconds; v2: "50000 100000" too.
        printed.ShouldContain("cpu 50000 100000");
        // Live output: the task's lines came through the service's logs.
        output.Lines.ShouldContain(l => l.Contains($"memory {256L << 20}"));
        File.Exists(Path.Combine(_output, "limits.html")).ShouldBeTrue();
        JsonNode.Parse(File.ReadAllText(Path.Combine(_output, "run.json")))!["exit_code"]!.GetValue<int>().ShouldBe(0);
        (await swarm.ServicesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bad_parameter_exits_2_and_is_not_retried()
    {
        await swarm.UseNodesAsync(swarm.ManagerNodeId);
        using var engine = swarm.ManagerEngine();
        var output = new RecordingOutput();

        var result = await new SwarmJobRunner(engine).RunAsync(Request("one.ipynb", "-p", "x=many") with { Retries = 3 }, output);

        result.ExitCode.ShouldBe(2, output.Text);
        result.Attempts.ShouldBe(1);
        output.Codes.ShouldNotContain("NB4137");
        output.Lines.ShouldContain(l => l.Contains("NB2021"));
    }

    [Fact]
    public async Task A_notebook_over_its_memory_limit_is_reported_killed_for_memory_with_what_was_saved_and_retried()
    {
        await swarm.UseNodesAsync(swarm.ManagerNodeId);
        using var engine = swarm.ManagerEngine();
        var output = new RecordingOutput();

        var result = await new SwarmJobRunner(engine).RunAsync(Request("memory.ipynb") with { MemoryBytes = 384L << 20, Retries = 1 }, output);

        // The cgroup's OOM killer takes the kernel (the biggest process): nbrun says so, saves and exits 3.
        result.ExitCode.ShouldBe(3, output.Text);
        result.KilledForMemory.ShouldBeTrue();
        result.Attempts.ShouldBe(2);
        output.Codes.ShouldContain("NB4137");
        output.Codes.ShouldContain("NB4134");
        output.Lines.ShouldContain(l => l.Contains("NB5293"));
        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(_output, "memory.ipynb")))!;
        StreamText(Path.Combine(_output, "memory.ipynb")).ShouldContain("before the allocation");
        saved["cells"]!.AsArray().Count.ShouldBe(2);
        JsonNode.Parse(File.ReadAllText(Path.Combine(_output, "run.json")))!["status"]!.GetValue<string>().ShouldBe("kernel_died");
    }

    [Fact]
    public async Task A_cancelled_run_leaves_no_container_and_no_service()
    {
        await swarm.UseNodesAsync(swarm.ManagerNodeId);
        using var engine = swarm.ManagerEngine();
        var output = new ObservedOutput("started");
        var request = Request("slow.ipynb") with { RunId = SwarmJobRunner.NewRunId() };
        using var cancel = new CancellationTokenSource();

        var run = new SwarmJobRunner(engine).RunAsync(request, output, cancel.Token);
        await Task.WhenAny(output.Seen, run);
        output.Seen.IsCompleted.ShouldBeTrue("the notebook never started: " + string.Join("\n", output.Lines));
        (await swarm.ContainersWithLabelAsync($"{SwarmJobRunner.RunLabel}={request.RunId}")).ShouldNotBeEmpty();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        (await swarm.ContainersWithLabelAsync($"{SwarmJobRunner.RunLabel}={request.RunId}")).ShouldBeEmpty();
        (await swarm.ServicesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task On_two_nodes_a_task_placed_on_the_worker_pulls_the_image_by_digest_and_its_results_come_back()
    {
        await swarm.UseNodesAsync(swarm.WorkerNodeId);
        try
        {
            using var engine = swarm.ManagerEngine();
            var output = new RecordingOutput();

            var request = Request("one.ipynb", "-p", "x=7", "-p", "fail=true") with { RunId = SwarmJobRunner.NewRunId() };
            var result = await new SwarmJobRunner(engine).RunAsync(request, output);

            result.NodeId.ShouldBe(swarm.WorkerNodeId);
            result.ExitCode.ShouldBe(1, output.Text);
            // Cell 1 is the injected-parameters cell after the parameters cell: the raising cell is 2 in the executed notebook.
            result.FailingCell.ShouldBe("cell 2 (ValueError)");
            StreamText(Path.Combine(_output, "one.ipynb")).ShouldContain("set x=7");
            // Nothing of the run is left running on any node. Docker before 24 keeps the exited container of a finished
            // job's task on a node other than DOCKER_HOST's (moby#44312); that node's engine prunes it (docs/decisions.md).
            (await swarm.RunningContainersWithLabelAsync($"{SwarmJobRunner.RunLabel}={request.RunId}")).ShouldBeEmpty();
            (await swarm.ContainersWithLabelAsync($"{SwarmJobRunner.RunLabel}={request.RunId}")).Count.ShouldBeLessThanOrEqualTo(1);
        }
        finally
        {
            await swarm.UseNodesAsync(null);
        }
    }

    private SwarmRunRequest Request(string notebook, params string[] args) => new()
    {
        Notebook = notebook,
        Image = swarm.Image,
        Args = [notebook, .. args],
        ResultsRepository = swarm.ResultsRepository,
        OutputDirectory = _output,
        // The test engines have no bridge: the task reaches the loopback registry through the host's network.
        Network = "host",
    };

    /// <summary>Every stream output of the executed notebook, joined.</summary>
    internal static string StreamText(string notebookPath) =>
        string.Concat(JsonNode.Parse(File.ReadAllText(notebookPath))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Where(o => o!["output_type"]!.GetValue<string>() == "stream")
            .Select(o => o!["text"] is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : o!["text"]!.GetValue<string>()));

    public void Dispose() => Directory.Delete(_output, recursive: true);

    /// <summary>Completes <see cref="Seen"/> when a line with the text goes by.</summary>
    private sealed class ObservedOutput(string text) : Notebook.Deployment.Swarm.ISwarmRunOutput
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly RecordingOutput _inner = new();

        public Task Seen => _seen.Task;

        public IReadOnlyList<string> Lines => _inner.Lines;

        public void Line(Images.DockerStream stream, string line)
        {
            _inner.Line(stream, line);
            if (line.Contains(text, StringComparison.Ordinal)) _seen.TrySetResult();
        }

        public void Report(Diagnostics.Diagnostic diagnostic) => _inner.Report(diagnostic);

        public void Info(string message) => _inner.Info(message);
    }
}
