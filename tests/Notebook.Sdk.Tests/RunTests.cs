using System.Text.Json.Nodes;

namespace Notebook.Sdk.Tests;

/// <summary>`dotnet run` on a .nbproj executes its notebook through nbrun, against the real ipykernel.</summary>
public sealed class RunTests
{
    [Fact]
    public async Task Dotnet_run_executes_the_sample_with_parameters_into_bin()
    {
        using var project = HelloProject();

        var result = await project.DotnetAsync(["run", "--project", project.ProjectPath, "--", "-p", "name=Ada", "-p", "times=3"], null);

        result.ExitCode.ShouldBe(0, result.Output);
        var output = Path.Combine(project.Directory, "bin", "Debug", "run");
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "hello.ipynb")))!;
        var printed = executed["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Where(o => o!["output_type"]!.GetValue<string>() == "stream")
            .Select(o => MultilineText(o!["text"]!))
            .Single();
        printed.ShouldBe("Hello, Ada.\nHello, Ada.\nHello, Ada.\n");
        File.Exists(Path.Combine(output, "hello.html")).ShouldBeTrue();
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, "run.json")))!["exit_code"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Dotnet_run_with_a_bad_parameter_exits_2_and_runs_nothing()
    {
        using var project = HelloProject();

        var result = await project.DotnetAsync(["run", "--project", project.ProjectPath, "--", "-p", "times=many"], null);

        result.ExitCode.ShouldBe(2, result.Output);
        result.Output.ShouldContain("NB2021");
        File.Exists(Path.Combine(project.Directory, "bin", "Debug", "run", "hello.ipynb")).ShouldBeFalse();
    }

    [Fact]
    public async Task Dotnet_run_with_several_notebooks_asks_which_one()
    {
        using var project = HelloProject();
        project.CopyIn(Path.Combine(Repo.Samples, "hello", "hello.ipynb"), "second.ipynb");

        var result = await project.DotnetAsync(["run", "--project", project.ProjectPath], null);

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldContain("NB6011");
    }

    // nbformat stores multi-line text as one string or as a list of lines.
    private static string MultilineText(JsonNode node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node.GetValue<string>();

    private static TestProject HelloProject()
    {
        var project = new TestProject("hello", File.ReadAllText(Path.Combine(Repo.Samples, "hello", "hello.nbproj")));
        project.CopyIn(Path.Combine(Repo.Samples, "hello", "hello.ipynb"));
        return project;
    }
}
