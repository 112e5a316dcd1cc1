using System.Text.Json.Nodes;
using Notebook.EndToEnd.Tests;

namespace Notebook.Sdk.Tests;

/// <summary>
/// `dotnet new notebook` and `dotnet new notebook-github`, installed from the freshly packed Notebook.Sdk.Templates
/// package into a hive of the test's own (the machine's template list is untouched), then built and run for real.
/// </summary>
public sealed class TemplateTests : IDisposable
{
    // The parent folder's NuGet.config (the packed SDK only) applies to the created project below it.
    private readonly TestProject _folder = new("unused");

    private string Hive => Path.Combine(_folder.Directory, "hive");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Dotnet_new_notebook_makes_a_pinned_project_with_a_typed_notebook_that_builds_and_runs()
    {
        var project = await NewNotebookAsync("Daily");

        File.ReadAllText(Path.Combine(project, "Daily.nbproj")).ShouldContain($"<Project Sdk=\"Notebook.Sdk/{Repo.SdkVersion}\">");
        File.Exists(Path.Combine(project, "requirements.txt")).ShouldBeTrue();
        File.ReadAllLines(Path.Combine(project, ".gitignore")).ShouldContain("obj/");

        var build = await Dotnet(project, "build");
        build.ExitCode.ShouldBe(0, build.Output);
        build.WarningCodes.ShouldBeEmpty(build.Output);
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "obj", "Debug", "notebooks", "Daily.parameters.json")))!["properties"]!;
        schema["title"]!["type"]!.GetValue<string>().ShouldBe("string");
        schema["top_n"]!["type"]!.GetValue<string>().ShouldBe("integer");
        schema["threshold"]!["type"]!.GetValue<string>().ShouldBe("number");
        schema["verbose"]!["type"]!.GetValue<string>().ShouldBe("boolean");

        var run = await Dotnet(project, "run", "--", "-p", "top_n=2", "-p", "title=Weekly");
        run.ExitCode.ShouldBe(0, run.Output);
        var executed = File.ReadAllText(Path.Combine(project, "bin", "Debug", "run", "Daily.ipynb"));
        executed.ShouldContain("Weekly: ");
        executed.ShouldContain("of the top 2 values");

        // The parameters are typed: a value of the wrong type is refused before anything runs.
        var wrong = await Dotnet(project, "run", "--", "-p", "top_n=many");
        wrong.ExitCode.ShouldBe(2, wrong.Output);
        wrong.Output.ShouldContain("NB2021");
    }

    [Fact]
    public async Task Dotnet_new_notebook_github_adds_a_valid_workflow_for_the_project_in_its_folder()
    {
        var project = await NewNotebookAsync("Daily");

        var add = await Cli(project, "new", "notebook-github", "--debug:custom-hive", Hive);

        add.ExitCode.ShouldBe(0, add.Output);
        var workflow = Path.Combine(project, ".github", "workflows", "notebook.yml");
        File.ReadAllText(workflow).ShouldContain("PROJECT: Daily.nbproj");
        var validation = await ActionValidator.ValidateAsync(workflow);
        validation.ExitCode.ShouldBe(0, validation.Output);
    }

    [Fact]
    public async Task The_templates_are_listed_in_the_hive_they_were_installed_into_only()
    {
        await InstallAsync();

        var list = await Cli(_folder.Directory, "new", "list", "notebook", "--debug:custom-hive", Hive);
        list.ExitCode.ShouldBe(0, list.Output);
        list.Output.ShouldContain("notebook-github");

        // A fresh hive (what the machine's own list starts from) has no such template.
        var other = await Cli(_folder.Directory, "new", "list", "notebook-github", "--debug:custom-hive", Path.Combine(_folder.Directory, "empty-hive"));
        other.ExitCode.ShouldNotBe(0);
    }

    private async Task<string> NewNotebookAsync(string name)
    {
        await InstallAsync();
        var created = await Cli(_folder.Directory, "new", "notebook", "-n", name, "--debug:custom-hive", Hive);
        created.ExitCode.ShouldBe(0, created.Output);
        var project = Path.Combine(_folder.Directory, name);
        Directory.GetFiles(project).Select(Path.GetFileName).Order().ShouldBe([".gitignore", $"{name}.ipynb", $"{name}.nbproj", "requirements.txt"]);
        return project;
    }

    private async Task InstallAsync()
    {
        var package = Path.Combine(Repo.Packages, $"Notebook.Sdk.Templates.{Repo.SdkVersion}.nupkg");
        var install = await Cli(_folder.Directory, "new", "install", package, "--debug:custom-hive", Hive);
        install.ExitCode.ShouldBe(0, install.Output);
    }

    private static Task<ProcessResult> Dotnet(string directory, params string[] args) => TestProject.RunDotnetAsync(directory, args);

    // `dotnet new` takes no MSBuild switches (RunDotnetAsync adds them to everything but `run`).
    private static Task<ProcessResult> Cli(string directory, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", args, directory, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = TestProject.PackagesFolder });
}
