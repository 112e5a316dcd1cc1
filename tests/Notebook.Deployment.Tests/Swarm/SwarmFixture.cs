using System.Text.Json;
using Notebook.E2E;
using Notebook.Images;
using Notebook.Testing;
using Xunit;

namespace Notebook.Deployment.Tests.Swarm;

/// <summary>
/// One loopback registry and one two-node Docker Swarm for every swarm test: a manager dockerd on 127.0.0.1 and a
/// worker dockerd on 127.0.0.2, both private (vfs, no bridge). A test that wants one node drains the other
/// (<see cref="UseNodesAsync"/>): what a swarm of one node does. The test project (notebooks one, limits, memory,
/// slow) is published once by `dotnet publish` on the e2e Debian base into the registry. Everything it starts
/// is stopped and removed on dispose: services, the swarm, docker_gwbridge, both daemons, the registry.
/// Nothing is skipped: a missing piece fails every test with what to install.
/// </summary>
public sealed class SwarmFixture : IAsyncLifetime
{
    private LocalRegistry? _registry;
    private DockerDaemon? _manager;
    private DockerDaemon? _worker;

    public LocalRegistry Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public DockerDaemon Manager => _manager ?? throw new InvalidOperationException("The manager did not start.");

    public DockerDaemon Worker => _worker ?? throw new InvalidOperationException("The worker did not start.");

    public string ManagerNodeId { get; private set; } = "";

    public string WorkerNodeId { get; private set; } = "";

    /// <summary>127.0.0.1:PORT/e2e/base:TAG</summary>
    public string BaseImage { get; private set; } = "";

    /// <summary>The test project's image, REGISTRY/swarm-tests/notebooks@sha256:...</summary>
    public string Image { get; private set; } = "";

    /// <summary>The published test project (kept for `dotnet run` tests that reuse its folder).</summary>
    public TestProject Project { get; private set; } = null!;

    public string ResultsRepository => $"{Registry.Host}/swarm-tests/results";

    public async Task InitializeAsync()
    {
        _registry = await LocalRegistry.StartAsync();
        var recipe = BaseImageRecipe.ForThisMachine();
        var layer = await new BaseImageBuilder(recipe, E2ECache.Directory, Console.Error.WriteLine).GetOrBuildAsync();
        await BaseImagePublisher.PushAsync(Registry.Host, BaseImageRecipe.Repository, recipe.Tag, layer);
        BaseImage = $"{Registry.Host}/{BaseImageRecipe.Repository}:{recipe.Tag}";

        _manager = await DockerDaemon.StartAsync();
        _worker = await DockerDaemon.StartAsync();
        var token = await Manager.InitSwarmAsync("127.0.0.1");
        await Worker.JoinSwarmAsync(Manager.SwarmAddress!, token, "127.0.0.2");
        ManagerNodeId = (await Manager.DockerCheckedAsync(["info", "--format", "{{.Swarm.NodeID}}"], TimeSpan.FromSeconds(30))).Trim();
        WorkerNodeId = (await Worker.DockerCheckedAsync(["info", "--format", "{{.Swarm.NodeID}}"], TimeSpan.FromSeconds(30))).Trim();

        Project = NewProject();
        var publish = await Project.DotnetAsync(["publish", Project.ProjectPath, "-c", "Release", "-nodeReuse:false",
            $"-p:ContainerRegistry={Registry.Host}", $"-p:ContainerBaseImage={BaseImage}"], null, TimeSpan.FromMinutes(8));
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish of the swarm test project failed ({publish.ExitCode}):\n{publish.Output}");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Project.Directory, "bin", "Release", "publish", "image.json"))).RootElement;
        Image = $"{Registry.Host}/{json.GetProperty("repository").GetString()}@{json.GetProperty("digest").GetString()}";
    }

    /// <summary>A project with the four notebooks, repository swarm-tests/notebooks.</summary>
    public static TestProject NewProject(string properties = "")
    {
        var project = new TestProject("swarmjob", TestProject.ProjectXml($"""
                <Version>1.0.0</Version>
                <ContainerRepository>swarm-tests/notebooks</ContainerRepository>
            {properties}
            """));
        project.Write("one.ipynb", SwarmNotebooks.One);
        project.Write("limits.ipynb", SwarmNotebooks.Limits);
        project.Write("memory.ipynb", SwarmNotebooks.Memory);
        project.Write("slow.ipynb", SwarmNotebooks.Slow);
        return project;
    }

    /// <summary>Runs the next tests on one node (the manager or the worker, the other drained) or on both.</summary>
    public async Task UseNodesAsync(string? only)
    {
        foreach (var node in new[] { ManagerNodeId, WorkerNodeId })
        {
            var availability = only is null || only == node ? "active" : "drain";
            await Manager.DockerCheckedAsync(["node", "update", "--availability", availability, node], TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>A client of the manager's engine, as nbrun swarm makes one from DOCKER_HOST.</summary>
    public DockerEngine ManagerEngine() => new(DockerEndpoint.Resolve(name => Manager.ClientEnvironment.TryGetValue(name, out var value) ? value : null));

    /// <summary>Containers on both nodes, running or not, that carry the label (the run's id).</summary>
    public async Task<IReadOnlyList<string>> ContainersWithLabelAsync(string label)
    {
        var found = new List<string>();
        foreach (var daemon in new[] { Manager, Worker })
        {
            var ids = await daemon.DockerCheckedAsync(["ps", "-aq", "--filter", "label=" + label], TimeSpan.FromSeconds(30));
            found.AddRange(ids.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        return found;
    }

    /// <summary>Running containers on both nodes that carry the label.</summary>
    public async Task<IReadOnlyList<string>> RunningContainersWithLabelAsync(string label)
    {
        var found = new List<string>();
        foreach (var daemon in new[] { Manager, Worker })
        {
            var ids = await daemon.DockerCheckedAsync(["ps", "-q", "--filter", "label=" + label], TimeSpan.FromSeconds(30));
            found.AddRange(ids.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        return found;
    }

    public async Task<IReadOnlyList<string>> ServicesAsync() =>
        (await Manager.DockerCheckedAsync(["service", "ls", "-q"], TimeSpan.FromSeconds(30))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task DisposeAsync()
    {
        Project?.Dispose();
        if (_manager is not null)
        {
            foreach (var service in await ServicesAsync()) await Manager.DockerAsync(["service", "rm", service], TimeSpan.FromSeconds(30));
        }
        // The worker leaves first, then the manager, which then has no one left to tell.
        if (_worker is not null) await _worker.DisposeAsync();
        if (_manager is not null) await _manager.DisposeAsync();
        if (_registry is not null) await _registry.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SwarmCollection : ICollectionFixture<SwarmFixture>
{
    public const string Name = "swarm";
}
