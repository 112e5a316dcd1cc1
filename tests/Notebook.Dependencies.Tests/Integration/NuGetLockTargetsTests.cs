using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Notebook.Dependencies.Tests.Unit;

namespace Notebook.Dependencies.Tests.Integration;

/// <summary>
/// Real `dotnet restore`/`build` of a .nbproj with a C# notebook: the #r "nuget: ..." package is resolved by NuGet from a
/// local folder feed (a copy of a served .nupkg) into the lock, and locked mode refuses a stale lock.
/// </summary>
public sealed class NuGetLockTargetsTests : IDisposable
{
    private const string PackageId = "YamlDotNet";
    private const string PackageVersion = "16.3.0";
    private readonly TestProject _project = new();
    private readonly string _feed = Directory.CreateTempSubdirectory("nbsdk-feed-").FullName;
    private readonly string _nupkg;

    public NuGetLockTargetsTests()
    {
        // The test run's own build restored this package; its .nupkg is the served one, byte for byte.
        var cached = Path.Combine(TestProject.MachinePackages, PackageId.ToLowerInvariant(), PackageVersion, $"{PackageId.ToLowerInvariant()}.{PackageVersion}.nupkg");
        File.Exists(cached).ShouldBeTrue($"{cached} is missing: the repository's own restore puts it there");
        _nupkg = Path.Combine(_feed, Path.GetFileName(cached));
        File.Copy(cached, _nupkg);
        _project.Write("NuGet.config", TestProject.NuGetConfig(Repo.Packages, _feed));
    }

    private string LockPath => Path.Combine(_project.Directory, "notebook-packages.lock.json");

    private void WriteNotebook(string version) =>
        _project.Write("report.ipynb", NuGetDirectiveTests.CSharpNotebookJson($"#r \"nuget: {PackageId}, {version}\"\nusing YamlDotNet.RepresentationModel;", "Console.WriteLine(1);"));

    [Fact]
    public async Task Restore_locks_the_package_with_NuGets_content_hash_and_locked_mode_refuses_a_stale_lock()
    {
        WriteNotebook(PackageVersion);

        var restore = await _project.DotnetAsync("restore", _project.ProjectPath);
        restore.ExitCode.ShouldBe(0, restore.ToString());
        var locked = JsonNode.Parse(File.ReadAllText(LockPath))!["dependencies"]!["net10.0"]![PackageId]!;
        locked["type"]!.GetValue<string>().ShouldBe("Direct");
        locked["resolved"]!.GetValue<string>().ShouldBe(PackageVersion);
        // NuGet's contentHash: the base64 SHA-512 of the package without its signature, as NuGet records it beside the
        // package it extracted into this run's package folder (from the local feed, since that folder started empty).
        var extracted = Path.Combine(TestProject.PackagesFolder, PackageId.ToLowerInvariant(), PackageVersion);
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(extracted, ".nupkg.metadata")))!;
        metadata["source"]!.GetValue<string>().TrimEnd('/').ShouldBe(_feed.TrimEnd('/'));
        locked["contentHash"]!.GetValue<string>().ShouldBe(metadata["contentHash"]!.GetValue<string>());
        Convert.FromBase64String(locked["contentHash"]!.GetValue<string>()).Length.ShouldBe(SHA512.HashSizeInBytes);

        var build = await _project.BuildAsync("--no-restore", "-p:NotebookLockedMode=true");
        build.ExitCode.ShouldBe(0, build.ToString());

        WriteNotebook("16.2.1");
        var stale = await _project.BuildAsync("-p:NotebookLockedMode=true");
        stale.ExitCode.ShouldNotBe(0);
        stale.Output.ShouldContain("NB3204");
        JsonNode.Parse(File.ReadAllText(LockPath))!["dependencies"]!["net10.0"]![PackageId]!["resolved"]!.GetValue<string>().ShouldBe(PackageVersion);
    }

    [Fact]
    public async Task A_floating_version_fails_the_build_with_its_line()
    {
        WriteNotebook("16.*");
        var build = await _project.BuildAsync();
        build.ExitCode.ShouldNotBe(0);
        build.Output.ShouldContain("NB3201");
        File.Exists(LockPath).ShouldBeFalse();
    }

    public void Dispose()
    {
        _project.Dispose();
        try { Directory.Delete(_feed, recursive: true); } catch (IOException) { }
    }
}
