using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Dependencies.Tests;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The dependencies path on a real engine: a wheel in a local PEP 503 index, `dotnet publish` writes the lock at
/// restore and installs it into the image's dependency layer, and the notebook imports the package inside a
/// container that has no network (docs/dependencies.md).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LockedDependencyImageTests(EngineFixture fixture)
{
    private const string DependencyFolder = "/opt/notebook-sdk/site-packages";

    [Fact]
    public async Task A_notebook_imports_a_locked_package_from_the_dependency_layer_without_network()
    {
        await using var index = await PackageIndex.StartAsync(i =>
            i.Wheel("tinygreet", "1.0", moduleSource: "def greet(name):\n    return f\"tiny hello, {name}\"\n"));
        var wheelSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(
            Directory.GetFiles(Path.Combine(index.Root, "simple", "tinygreet"), "*.whl").Single())));
        using var project = NewProject();

        var publish = await project.DotnetAsync(
            ["publish", project.ProjectPath, "-c", "Release", "-v:n",
             $"-p:ContainerRegistry={fixture.Registry.Host}", $"-p:ContainerBaseImage={fixture.BaseImage}",
             "-p:NotebookPythonVersion=3.11"],
            index.PipEnvironment(), TimeSpan.FromMinutes(6));

        publish.ExitCode.ShouldBe(0, publish.Output);
        publish.Output.ShouldContain("NB3034");
        publish.WarningCodes.ShouldNotContain("NB3050", "the import check should find tinygreet in the lock");
        var lockText = File.ReadAllText(Path.Combine(project.Directory, "requirements.lock"));
        lockText.ShouldContain("# python-version: 3.11\n");
        lockText.ShouldContain($"tinygreet==1.0 \\\n    --hash=sha256:{wheelSha256}\n");

        using var imageJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "bin", "Release", "publish", "image.json")));
        var reference = $"{fixture.Registry.Host}/e2e/locked-greet@{imageJson.RootElement.GetProperty("digest").GetString()}";
        // The SBOM lists the locked package with the wheel's hash, and the official validator takes it.
        var sbomPath = imageJson.RootElement.GetProperty("sbom").GetProperty("path").GetString()!;
        var validation = await Notebook.E2E.CycloneDxValidator.ValidateAsync(sbomPath);
        validation.ExitCode.ShouldBe(0, validation.Output);
        var package = JsonNode.Parse(File.ReadAllBytes(sbomPath))!["components"]!.AsArray()
            .Single(c => c!["purl"]?.GetValue<string>() == "pkg:pypi/tinygreet@1.0")!;
        package["hashes"]!.AsArray().Select(h => h!["content"]!.GetValue<string>()).ShouldBe([wheelSha256]);
        await fixture.Daemon.DockerCheckedAsync(["pull", "-q", reference], TimeSpan.FromMinutes(3));
        using var output = ReportImage.NewOutputFolder();

        var run = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "-v", $"{output.Path}:/app/output", reference, "-p", "name=Ada"], TimeSpan.FromMinutes(3));

        run.ExitCode.ShouldBe(0, run.Output);
        var notebook = File.ReadAllText(Path.Combine(output.Path, "greet.ipynb"));
        ReportImageTests.OutputTypes(notebook, "greet").ShouldBe(["stream"]);
        ReportImageTests.OutputText(notebook, "greet").ShouldContain("tiny hello, Ada");

        var where = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/python3", reference, "-c",
             "import importlib.metadata, tinygreet; print(tinygreet.__file__); print(importlib.metadata.version('tinygreet'))"],
            TimeSpan.FromMinutes(2));

        where.ExitCode.ShouldBe(0, where.Output);
        where.Output.Trim().Split('\n').ShouldBe([$"{DependencyFolder}/tinygreet/__init__.py", "1.0"]);
    }

    private static TestProject NewProject()
    {
        var project = new TestProject("greet", TestProject.ProjectXml("""
            <Version>1.0.0</Version>
            <ContainerRepository>e2e/locked-greet</ContainerRepository>
            """));
        SdkFeed.Use(project);
        project.Write("requirements.txt", "tinygreet==1.0\n");
        project.Write("greet.ipynb", NotebookJson(
            ("parameters", "name = \"x\"\n", true),
            ("greet", "import tinygreet\nprint(tinygreet.greet(name))\n", false)));
        return project;
    }

    private static string NotebookJson(params (string Id, string Source, bool Parameters)[] cells)
    {
        var list = new JsonArray();
        foreach (var (id, source, parameters) in cells)
        {
            var metadata = new JsonObject();
            if (parameters) metadata["tags"] = new JsonArray(JsonValue.Create("parameters"));
            list.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = id,
                ["metadata"] = metadata,
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }
        return new JsonObject
        {
            ["cells"] = list,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "Python 3", ["language"] = "python", ["name"] = "python3" },
                ["language_info"] = new JsonObject { ["name"] = "python" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }
}
