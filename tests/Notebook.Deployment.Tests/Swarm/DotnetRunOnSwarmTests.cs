using System.Text.Json.Nodes;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Swarm;

/// <summary>
/// `dotnet run -p:NotebookRunIn=Swarm` of a real .nbproj against the fixture's swarm (DOCKER_HOST = the manager):
/// the image is published to the registry, run as a job, and its results come back into bin/Release/run/.
/// </summary>
[Collection(SwarmCollection.Name)]
public sealed class DotnetRunOnSwarmTests(SwarmFixture swarm)
{
    [Fact]
    public async Task A_20_set_sweep_with_concurrency_4_completes_with_every_sets_results_and_a_summary()
    {
        await swarm.UseNodesAsync(swarm.ManagerNodeId);
        using var project = SwarmFixture.NewProject("<NotebookEntryPoint>one.ipynb</NotebookEntryPoint>");
        var sets = string.Concat(Enumerable.Range(0, 20).Select(i => $"- {{x: {i}, label: set{i}{(i == 7 ? ", fail: true" : "")}}}\n"));
        project.Write("sweep.yaml", sets);

        var result = await project.DotnetAsync(
            ["run", "--project", project.ProjectPath, "-c", "Release", .. Properties(), "-p:NotebookSweep=sweep.yaml", "-p:NotebookSweepConcurrency=4"],
            swarm.Manager.ClientEnvironment.ToDictionary(), TimeSpan.FromMinutes(20));

        // Set 7 raises: the sweep exits with its code after running every set.
        result.ExitCode.ShouldBe(1, result.Output);
        result.Output.ShouldContain("NB4139");
        var run = Path.Combine(project.Directory, "bin", "Release", "run");
        for (var i = 0; i < 20; i++)
        {
            SwarmRunTests.StreamText(Path.Combine(run, i.ToString(), "one.ipynb")).ShouldContain($"set x={i} label=set{i}");
            File.Exists(Path.Combine(run, i.ToString(), "one.html")).ShouldBeTrue();
            JsonNode.Parse(File.ReadAllText(Path.Combine(run, i.ToString(), "run.json")))!["exit_code"]!.GetValue<int>().ShouldBe(i == 7 ? 1 : 0);
        }
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "sweep.json")))!;
        summary["sets"]!.GetValue<int>().ShouldBe(20);
        summary["failed"]!.GetValue<int>().ShouldBe(1);
        summary["results"]!.AsArray()[7]!["failing_cell"]!.GetValue<string>().ShouldBe("cell 2 (ValueError)");
        result.Output.ShouldContain("set  exit code  duration  failing cell");
        (await swarm.ServicesAsync()).ShouldBeEmpty();
        (await swarm.ContainersWithLabelAsync("dev.notebook-sdk.sweep.id")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Dotnet_run_on_the_swarm_returns_the_runners_exit_code_and_brings_the_results_into_bin()
    {
        await swarm.UseNodesAsync(null);
        using var project = SwarmFixture.NewProject("<NotebookEntryPoint>one.ipynb</NotebookEntryPoint>");

        var result = await project.DotnetAsync(
            ["run", "--project", project.ProjectPath, "-c", "Release", .. Properties(), "--", "-p", "x=41", "-p", "fail=true"],
            swarm.Manager.ClientEnvironment.ToDictionary(), TimeSpan.FromMinutes(10));

        result.ExitCode.ShouldBe(1, result.Output);
        // Live output: the notebook's print and the runner's NB5108 came through the service's logs.
        result.Output.ShouldContain("set x=41 label=none");
        result.Output.ShouldContain("NB5108");
        var run = Path.Combine(project.Directory, "bin", "Release", "run");
        SwarmRunTests.StreamText(Path.Combine(run, "one.ipynb")).ShouldContain("set x=41");
        JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!["exit_code"]!.GetValue<int>().ShouldBe(1);
        (await swarm.ServicesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Dotnet_run_on_the_swarm_without_a_registry_is_NB6065()
    {
        using var project = SwarmFixture.NewProject("<NotebookEntryPoint>one.ipynb</NotebookEntryPoint>");

        var result = await project.DotnetAsync(["run", "--project", project.ProjectPath, "-p:NotebookRunIn=Swarm"], null, TimeSpan.FromMinutes(5));

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldContain("NB6065");
    }

    private string[] Properties() =>
    [
        "-p:NotebookRunIn=Swarm", $"-p:ContainerRegistry={swarm.Registry.Host}", $"-p:ContainerBaseImage={swarm.BaseImage}",
        // The test engines have no bridge: tasks reach the loopback registry through the host's network.
        "-p:NotebookSwarmNetwork=host", $"-p:NotebookResultsRepository={swarm.ResultsRepository}",
    ];
}
