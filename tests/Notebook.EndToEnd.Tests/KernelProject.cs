using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.E2E;
using Notebook.Testing;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// A small job project (parameters seconds and fail) on the Debian base, installed once per run as a container kernel
/// with `dotnet build -t:InstallNotebookKernel` into a private JUPYTER_DATA_DIR; its image sits in the fixture's engine.
/// </summary>
public sealed class KernelProject : IDisposable
{
    public const string Name = "kerneljob";
    public const string KernelName = "kerneljob-container";
    public const string KernelLabel = "dev.notebook-sdk.kernel";
    public const string RunLabel = "dev.notebook-sdk.run";

    private KernelProject(EngineFixture fixture, TestProject project, string dataDirectory, string installOutput)
    {
        Fixture = fixture;
        Project = project;
        DataDirectory = dataDirectory;
        InstallOutput = installOutput;
        KernelJson = JsonNode.Parse(File.ReadAllText(Path.Combine(dataDirectory, "kernels", KernelName, "kernel.json")))!.AsObject();
    }

    public EngineFixture Fixture { get; }

    public TestProject Project { get; }

    public string DataDirectory { get; }

    public string InstallOutput { get; }

    public JsonObject KernelJson { get; }

    /// <summary>The host's runner as the kernelspec starts it: [dotnet, exec, nbrun.dll].</summary>
    public IReadOnlyList<string> RunnerCommand => KernelJson["argv"]!.AsArray().Take(3).Select(a => a!.GetValue<string>()).ToArray();

    /// <summary>What Jupyter clients need to find the kernel and the engine.</summary>
    public Dictionary<string, string?> Environment => new(Fixture.Daemon.ClientEnvironment) { ["JUPYTER_DATA_DIR"] = DataDirectory, ["JUPYTER_PATH"] = null };

    public static string Notebook(params string[] cells)
    {
        var array = new JsonArray();
        for (var i = 0; i < cells.Length; i++)
        {
            var tags = new JsonArray();
            if (i == 0 && cells[i].StartsWith("# parameters", StringComparison.Ordinal)) tags.Add("parameters");
            array.Add(new JsonObject
            {
                ["cell_type"] = "code", ["id"] = $"cell-{i}", ["execution_count"] = null, ["outputs"] = new JsonArray(),
                ["metadata"] = new JsonObject { ["tags"] = tags }, ["source"] = cells[i],
            });
        }

        return new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5, ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" } },
        }.ToJsonString();
    }

    public static async Task<KernelProject> InstallAsync(EngineFixture fixture)
    {
        var project = new TestProject(Name, TestProject.ProjectXml($"<ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>"));
        SdkFeed.Use(project);
        project.Write(Name + ".ipynb", Notebook(
            "# parameters\nseconds = 0.0\nfail = False",
            "import os, time\nprint('uid', os.getuid(), 'image', os.path.exists('/app/kerneljob.ipynb'), flush=True)",
            "time.sleep(seconds)",
            "if fail:\n    raise ValueError('asked to fail')\nprint('done')"));
        var data = Directory.CreateTempSubdirectory("nbe2e-jupyter-").FullName;
        var environment = new Dictionary<string, string?>(fixture.Daemon.ClientEnvironment) { ["JUPYTER_DATA_DIR"] = data };
        var install = await project.DotnetAsync(["build", project.ProjectPath, "-t:InstallNotebookKernel", "-v:n"], environment, TimeSpan.FromMinutes(8));
        if (install.ExitCode != 0) throw new InvalidOperationException($"InstallNotebookKernel failed ({install.ExitCode}):\n{install.Output}");
        return new KernelProject(fixture, project, data, install.Output);
    }

    /// <summary>Containers of the engine that carry the label (kernels or local runs), running or not: "ID STATUS".</summary>
    public async Task<string[]> ContainersAsync(string label) =>
        (await Fixture.Daemon.DockerCheckedAsync(["ps", "-a", "--format", "{{.ID}} {{.Status}}", "--filter", "label=" + label], TimeSpan.FromSeconds(30)))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Waits at most <paramref name="limit"/> until no container with the label runs any more, then (bounded, since
    /// vfs deletes a whole root file system copy) until the engine has removed them; returns those still running or
    /// never removed.
    /// </summary>
    public async Task<string[]> ContainersLeftAfterAsync(string label, TimeSpan limit)
    {
        var running = await WaitAsync(label, limit, IsRunningOrCreated);
        if (running.Length > 0) return running;
        return await WaitAsync(label, TimeSpan.FromMinutes(2), _ => true);
    }

    /// <summary>The containers with the label that run now.</summary>
    public async Task<string[]> RunningAsync(string label) => (await ContainersAsync(label)).Where(c => Status(c).StartsWith("Up", StringComparison.Ordinal)).ToArray();

    private static string Status(string line) => line.Split(' ', 2) is [_, var status] ? status : "";

    private static bool IsRunningOrCreated(string line) => Status(line).StartsWith("Up", StringComparison.Ordinal) || Status(line) == "Created";

    private async Task<string[]> WaitAsync(string label, TimeSpan limit, Func<string, bool> counts)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = (await ContainersAsync(label)).Where(counts).ToArray();
            if (left.Length == 0 || clock.Elapsed > limit) return left;
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        Project.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
