using System.Diagnostics;
using System.Text.Json;

namespace Notebook.Sdk.Tests;

/// <summary>
/// A .nbproj among the .NET tools: `dotnet sln add` and a solution build, global.json `msbuild-sdks` pinning,
/// the design-time builds IDEs run, and `dotnet watch run`.
/// </summary>
public sealed class SolutionAndToolTests
{
    [Theory]
    [InlineData("slnx")]
    [InlineData("sln")]
    public async Task Dotnet_sln_add_takes_a_nbproj_pinned_in_global_json_and_the_solution_build_builds_it(string format)
    {
        // The version comes from global.json, as for any MSBuild project SDK.
        using var project = new TestProject("job", TestProject.ProjectXml().Replace($"Notebook.Sdk/{Repo.SdkVersion}", "Notebook.Sdk"));
        project.Write("global.json", $$"""{ "msbuild-sdks": { "Notebook.Sdk": "{{Repo.SdkVersion}}" } }""");
        project.CopyIn(Path.Combine(Repo.Samples, "hello", "hello.ipynb"), "src/report.ipynb");
        var solution = $"team.{format}";

        (await Cli(project, "new", "sln", "-n", "team", "--format", format)).ExitCode.ShouldBe(0);
        var add = await Cli(project, "sln", solution, "add", project.ProjectPath);
        add.ExitCode.ShouldBe(0, add.Output);
        var list = await Cli(project, "sln", solution, "list");
        list.Output.ShouldContain("job.nbproj");

        var build = await project.DotnetAsync("build", solution, "-v:n");

        build.ExitCode.ShouldBe(0, build.Output);
        var schema = Path.Combine(project.Directory, "obj", "Debug", "notebooks", "src", "report.parameters.json");
        JsonDocument.Parse(File.ReadAllText(schema)).RootElement.GetProperty("properties").TryGetProperty("times", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_broken_notebook_fails_the_solution_build_with_its_code()
    {
        using var project = new TestProject();
        project.Write("report.ipynb", "{ not json");
        (await Cli(project, "new", "sln", "-n", "team")).ExitCode.ShouldBe(0);
        (await Cli(project, "sln", "team.slnx", "add", project.ProjectPath)).ExitCode.ShouldBe(0);

        var build = await project.DotnetAsync("build", "team.slnx");

        build.ExitCode.ShouldNotBe(0);
        build.ErrorCodes.ShouldNotBeEmpty();
        build.ErrorCodes.ShouldAllBe(c => c.StartsWith("NB1"));
    }

    [Fact]
    public async Task Design_time_builds_as_IDEs_run_them_succeed_and_name_the_notebooks()
    {
        using var project = new TestProject();
        project.CopyIn(Path.Combine(Repo.Samples, "hello", "hello.ipynb"), "report.ipynb");
        project.Write("requirements.txt", "");
        (await project.DotnetAsync("restore", project.ProjectPath)).ExitCode.ShouldBe(0);

        // Visual Studio's (CPS) and Roslyn's workspace (C# Dev Kit, Rider): no restore, compiler not run.
        string[] designTime = ["-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-p:BuildProjectReferences=false"];
        var cps = await project.DotnetAsync(["msbuild", project.ProjectPath, .. designTime,
            "-t:CollectPackageReferences;CollectFrameworkReferences;CollectPackageDownloads;CollectCentralPackageVersions;ResolvePackageDependenciesDesignTime;CollectResolvedSDKReferencesDesignTime;ResolveProjectReferencesDesignTime;ResolveAssemblyReferencesDesignTime;CompileDesignTime"], null);
        cps.ExitCode.ShouldBe(0, cps.Output);
        var roslyn = await project.DotnetAsync(["msbuild", project.ProjectPath, .. designTime, "-t:Compile;CoreCompile"], null);
        roslyn.ExitCode.ShouldBe(0, roslyn.Output);

        var items = await project.DotnetAsync("msbuild", project.ProjectPath, "-getItem:ProjectCapability", "-getItem:UpToDateCheckInput",
            "-getItem:Watch", "-getItem:AvailableItemName");
        items.ExitCode.ShouldBe(0, items.Output);
        var json = JsonDocument.Parse(items.Output[items.Output.IndexOf('{')..]).RootElement.GetProperty("Items");
        Names(json, "ProjectCapability").ShouldContain("NotebookSdk");
        Names(json, "AvailableItemName").ShouldContain("Notebook");
        Names(json, "UpToDateCheckInput").ShouldContain("report.ipynb");
        Names(json, "UpToDateCheckInput").ShouldContain(n => n.EndsWith("requirements.txt"));
        Names(json, "Watch").ShouldContain("report.ipynb");
    }

    [Fact]
    public async Task Dotnet_watch_run_runs_the_notebook_again_when_it_changes()
    {
        using var project = new TestProject("hello", File.ReadAllText(Path.Combine(Repo.Samples, "hello", "hello.nbproj")));
        var notebook = project.CopyIn(Path.Combine(Repo.Samples, "hello", "hello.ipynb"));
        var executed = Path.Combine(project.Directory, "bin", "Debug", "run", "hello.ipynb");
        using var watch = new WatchProcess(project.Directory, "watch", "run", "--non-interactive", "--project", project.ProjectPath, "--", "-p", "name=Ada");
        try
        {
            // dotnet watch's hot reload mode takes a change made while the program runs as "no managed code changes":
            // edit once the run has ended and watch waits for a change, as a user edits after reading the result.
            await watch.UntilAsync(() => Contains(executed, "Hello, Ada.") && watch.WaitingForChange);

            File.WriteAllText(notebook, File.ReadAllText(notebook).Replace("f\\\"Hello, {name}\\\"", "f\\\"Hi, {name}\\\""));
            await watch.UntilAsync(() => Contains(executed, "Hi, Ada."));
        }
        finally
        {
            await watch.StopAsync();
        }
    }

    // `dotnet new` and `dotnet sln` take no MSBuild switches (TestProject.DotnetAsync adds them).
    private static Task<ProcessResult> Cli(TestProject project, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", args, project.Directory, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = TestProject.PackagesFolder });

    private static string[] Names(JsonElement items, string type) =>
        items.TryGetProperty(type, out var list) ? list.EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToArray() : [];

    private static bool Contains(string path, string text)
    {
        try { return File.Exists(path) && File.ReadAllText(path).Contains(text, StringComparison.Ordinal); }
        catch (IOException) { return false; }
    }

    /// <summary>A `dotnet watch` child with the tests' clean environment; its output is kept to know when it waits.</summary>
    private sealed class WatchProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        public WatchProcess(string directory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            foreach (var name in ProcessRunner.ClearedVariables) start.Environment.Remove(name);
            start.Environment["NUGET_PACKAGES"] = TestProject.PackagesFolder;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_WATCH_SUPPRESS_EMOJIS"] = "1";
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool WaitingForChange { get { lock (_output) return _output.ToString().Contains("Waiting for a file to change", StringComparison.Ordinal); } }

        // A bound only so that a broken watch fails instead of hanging; nothing is timed.
        public async Task UntilAsync(Func<bool> condition)
        {
            var bound = Stopwatch.StartNew();
            while (!condition())
            {
                if (_process.HasExited || bound.Elapsed > TimeSpan.FromMinutes(4))
                    throw new InvalidOperationException("dotnet watch did not get there:\n" + Output());
                await Task.Delay(200);
            }
            lock (_output) _output.Clear();
        }

        public async Task StopAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        public void Dispose() => _process.Dispose();

        private string Output() { lock (_output) return _output.ToString(); }

        private void Append(string? line) { if (line is not null) lock (_output) _output.AppendLine(line); }
    }
}
