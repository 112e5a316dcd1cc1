using System.Text.Json;
using Notebook.E2E;
using Notebook.Testing;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// samples/report copied into a temp folder (NuGet.config at artifacts/packages/), published with
/// `dotnet publish` into the fixture's registry on the Debian base, and pulled into the fixture's engine.
/// </summary>
public sealed class ReportImage : IDisposable
{
    private readonly EngineFixture _fixture;

    private ReportImage(EngineFixture fixture, TestProject project, JsonElement imageJson, string reference, string user)
    {
        _fixture = fixture;
        Project = project;
        ImageJson = imageJson;
        Reference = reference;
        User = user;
    }

    public TestProject Project { get; }

    public JsonElement ImageJson { get; }

    /// <summary>registry/notebooks/report:1.0.0, as pulled.</summary>
    public string Reference { get; }

    /// <summary>The image config's User (uid:gid).</summary>
    public string User { get; }

    public static TestProject CopySample(string sample)
    {
        var source = Path.Combine(Repo.Samples, sample);
        var projectFile = Directory.GetFiles(source, "*.nbproj").Single();
        var project = new TestProject(Path.GetFileNameWithoutExtension(projectFile), File.ReadAllText(projectFile));
        SdkFeed.Use(project);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin/") || relative.StartsWith("obj/") || relative == "NuGet.config" || relative.EndsWith(".nbproj")) continue;
            project.CopyIn(file, relative);
        }
        return project;
    }

    public static async Task<ReportImage> PublishAndPullAsync(EngineFixture fixture)
    {
        var project = CopySample("report");
        var publish = await project.DotnetAsync(
            ["publish", project.ProjectPath, "-c", "Release", "-v:n",
             $"-p:ContainerRegistry={fixture.Registry.Host}", $"-p:ContainerBaseImage={fixture.BaseImage}"],
            null, TimeSpan.FromMinutes(5));
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish of samples/report failed ({publish.ExitCode}):\n{publish.Output}");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "bin", "Release", "publish", "image.json"))).RootElement.Clone();
        var reference = $"{fixture.Registry.Host}/notebooks/report:1.0.0";
        await fixture.Daemon.DockerCheckedAsync(["pull", "-q", reference], TimeSpan.FromMinutes(3));
        var user = (await fixture.Daemon.DockerCheckedAsync(["image", "inspect", "--format", "{{.Config.User}}", reference], TimeSpan.FromSeconds(30))).Trim();
        return new ReportImage(fixture, project, json, reference, user);
    }

    /// <summary>A host folder for /app/output that the image's non-root user can write; deleted on dispose.</summary>
    public static OutputFolder NewOutputFolder()
    {
        var folder = Directory.CreateTempSubdirectory("nbe2e-out-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        return new OutputFolder(folder);
    }

    /// <summary>`docker run --rm --network none -v OUT:/app/output IMAGE ARGS`.</summary>
    public Task<CommandResult> RunAsync(string outputFolder, params string[] args) =>
        _fixture.Daemon.DockerAsync(["run", "--rm", "--network", "none", "-v", $"{outputFolder}:/app/output", Reference, .. args], TimeSpan.FromMinutes(3));

    public void Dispose() => Project.Dispose();
}

/// <summary>A temp folder mounted into a container; converts to its path.</summary>
public sealed record OutputFolder(string Path) : IDisposable
{
    public static implicit operator string(OutputFolder folder) => folder.Path;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
