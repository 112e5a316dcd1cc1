using Notebook.Testing;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Notebook.EndToEnd.Tests;

/// <summary>The composite action at the repository root and the sample workflow, checked by a real validator and read for what they must do.</summary>
public sealed class GitHubActionsTests
{
    private static string ActionFile => Path.Combine(Repo.Root, "action.yml");

    private static string WorkflowFile => Path.Combine(Repo.Samples, "github", "notebook.yml");

    [Theory]
    [InlineData("action.yml")]
    [InlineData("samples/github/notebook.yml")]
    public async Task The_validator_accepts_the_file(string relativePath)
    {
        var result = await ActionValidator.ValidateAsync(Path.Combine(Repo.Root, relativePath));

        result.ExitCode.ShouldBe(0, result.Output);
    }

    [Fact]
    public async Task The_validator_rejects_broken_copies()
    {
        using var dir = new TempFolder();
        var workflow = Path.Combine(dir.Path, "notebook.yml");
        File.WriteAllText(workflow, File.ReadAllText(WorkflowFile).Replace("runs-on:", "runs_on:"));
        var action = Path.Combine(dir.Path, "action.yml");
        File.WriteAllText(action, File.ReadAllText(ActionFile).Replace("using: composite", "using: compost"));

        (await ActionValidator.ValidateAsync(workflow)).ExitCode.ShouldNotBe(0);
        (await ActionValidator.ValidateAsync(action)).ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public void The_action_takes_the_documented_inputs_and_returns_the_sdk_outputs()
    {
        var action = Load(ActionFile);

        var inputs = (YamlMappingNode)action["inputs"];
        inputs.Children.Keys.Select(k => k.ToString()).ShouldBe(
            ["project", "registry", "repository", "version", "tags", "locked-mode", "base-image", "configuration"], ignoreOrder: true);
        ((YamlMappingNode)inputs["project"])["required"].ToString().ShouldBe("true");
        ((YamlMappingNode)inputs["locked-mode"])["default"].ToString().ShouldBe("true");
        var outputs = (YamlMappingNode)action["outputs"];
        foreach (var name in new[] { "digest", "image", "tags" })
            ((YamlMappingNode)outputs[name])["value"].ToString().ShouldBe($"${{{{ steps.publish.outputs.{name} }}}}");
        var runs = (YamlMappingNode)action["runs"];
        runs["using"].ToString().ShouldBe("composite");
        var script = RunScript();
        script.ShouldContain("git -C");
        script.ShouldContain("log -1 --format=%ct");
        script.ShouldNotContain("${{", customMessage: "inputs must reach the script through env, not be pasted into it");
    }

    [Fact]
    public void The_workflow_builds_tests_and_publishes_on_push_in_locked_mode_with_the_commit_time()
    {
        var workflow = Load(WorkflowFile);

        ((YamlMappingNode)workflow["on"]).Children.Keys.Select(k => k.ToString()).ShouldContain("push");
        ((YamlMappingNode)workflow["env"])["NotebookLockedMode"].ToString().ShouldBe("true");
        var job = (YamlMappingNode)((YamlMappingNode)workflow["jobs"]).Children.Values.Single();
        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToArray();
        string Run(YamlMappingNode step) => step.Children.TryGetValue("run", out var run) ? run.ToString() : "";
        steps.Any(s => Run(s).Contains("SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")).ShouldBeTrue("SOURCE_DATE_EPOCH comes from the commit time");
        var build = Array.FindIndex(steps, s => Run(s).StartsWith("dotnet build"));
        var test = Array.FindIndex(steps, s => Run(s).StartsWith("dotnet run"));
        var publish = Array.FindIndex(steps, s => s.Children.TryGetValue("uses", out var uses) && uses.ToString() == "./");
        build.ShouldBeGreaterThan(-1);
        test.ShouldBeGreaterThan(build);
        publish.ShouldBeGreaterThan(test);
        ((YamlMappingNode)steps[publish]["with"])["locked-mode"].ToString().ShouldBe("true");
    }

    /// <summary>The bash script of the action's one step.</summary>
    public static string RunScript()
    {
        var steps = (YamlSequenceNode)((YamlMappingNode)Load(ActionFile)["runs"])["steps"];
        return ((YamlMappingNode)steps.Children.Single())["run"].ToString();
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}

/// <summary>A temp folder deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nbe2e-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
