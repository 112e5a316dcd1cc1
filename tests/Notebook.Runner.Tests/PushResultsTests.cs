using System.Text.Json.Nodes;
using Notebook.E2E;
using Notebook.Images;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>One real docker-registry for the push tests of this class.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public LocalRegistry Registry { get; private set; } = null!;

    public async Task InitializeAsync() => Registry = await LocalRegistry.StartAsync();

    public async Task DisposeAsync() => await Registry.DisposeAsync();
}

/// <summary><c>--push-results</c>: every run that got that far ships its three files as one OCI artifact attached to its image.</summary>
public sealed class PushResultsTests(RegistryFixture fixture) : TempFolderTest, IClassFixture<RegistryFixture>
{
    private string Host => fixture.Registry.Host;

    [Fact]
    public async Task Succeeded_and_failed_runs_are_pushed_and_listed_next_to_their_image()
    {
        var image = await PushStandInImageAsync("jobs/report");
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("fail = False", "parameters"), Code("print('ran')\nif fail: raise ValueError('as asked')"));
        var environment = new Dictionary<string, string> { ["NOTEBOOK_IMAGE"] = image };

        var ok = await RunnerProcess.RunAsync(dir, environment, "nb.ipynb", "--push-results", $"{Host}/jobs/report", "--output-dir", "ok");
        var failed = await RunnerProcess.RunAsync(dir, environment, "nb.ipynb", "--push-results", $"{Host}/jobs/report:failed-run", "-p", "fail=True", "--output-dir", "failed");

        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.StandardError.ShouldContain("NB5227");
        failed.ExitCode.ShouldBe(ExitCodes.CellFailed, failed.ToString());
        failed.StandardError.ShouldContain("NB5227");

        using var client = new RegistryClient(Host);
        var digest = image[(image.IndexOf('@') + 1)..];
        var referrers = await new ReferrersReader(client).ListAsync("jobs/report", digest, ResultsPusher.ArtifactType);
        referrers.Select(r => r.Annotations[ResultsPusher.StatusAnnotation]).Order().ShouldBe(["failed", "succeeded"]);

        var tagged = await client.GetManifestAsync("jobs/report", "failed-run");
        var manifest = JsonNode.Parse(tagged.Bytes)!.AsObject();
        manifest["artifactType"]!.GetValue<string>().ShouldBe(ResultsPusher.ArtifactType);
        manifest["subject"]!["digest"]!.GetValue<string>().ShouldBe(digest);
        var layers = manifest["layers"]!.AsArray().Select(l => l!.AsObject()).ToList();
        layers.Select(l => l["annotations"]!["org.opencontainers.image.title"]!.GetValue<string>()).ShouldBe(["nb.ipynb", "nb.html", "run.json"]);
        var runJson = layers.Single(l => l["annotations"]!["org.opencontainers.image.title"]!.GetValue<string>() == "run.json");
        var pushed = await client.GetBlobBytesAsync("jobs/report", runJson["digest"]!.GetValue<string>());
        pushed.ShouldBe(await File.ReadAllBytesAsync(Path.Combine(dir, "failed", "run.json")));
    }

    [Fact]
    public async Task A_registry_that_cannot_be_reached_is_NB5226_and_exit_5_after_a_clean_run()
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code("print('ran')"));
        var deadPort = LocalRegistry.FreePort();

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--push-results", $"127.0.0.1:{deadPort}/jobs/report");

        result.ExitCode.ShouldBe(ExitCodes.ResultsPushFailed, result.ToString());
        result.StandardError.ShouldContain("NB5226");
        await RunOutputs.In(Path.Combine(dir, "output")).ShouldBeCompleteAsync();
    }

    /// <summary>A small manifest standing in for the job's image; returns REGISTRY/REPOSITORY@DIGEST.</summary>
    private async Task<string> PushStandInImageAsync(string repository)
    {
        var dir = NewTempDirectory();
        var file = Path.Combine(dir, "stand-in.json");
        await File.WriteAllTextAsync(file, "{\"image\": \"stand-in\"}");
        var pushed = await new ResultsPusher().PushAsync($"{Host}/{repository}:image", [file], null, new Dictionary<string, string>());
        return $"{Host}/{repository}@{pushed.Digest}";
    }
}
