using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.E2E;
using Notebook.Images;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>The same publish driven from a CI system: the repository's GitHub action script, and the Cake sample with the real Cake tool.</summary>
[Collection(EngineCollection.Name)]
public sealed class PipelineTests(EngineFixture fixture)
{
    private const long CommitTime = 1700000000; // 2023-11-14T22:13:20Z

    [Fact]
    public async Task The_action_script_publishes_with_the_commit_time_and_writes_step_outputs()
    {
        using var project = ReportImage.CopySample("report");
        await CommitAsync(project.Directory);
        using var nuget = new TempFolder();
        var outputs = Path.Combine(project.Directory, "github-output");
        var summary = Path.Combine(project.Directory, "github-summary");
        File.WriteAllText(outputs, "");
        File.WriteAllText(summary, "");
        var host = fixture.Registry.Host;
        var environment = new Dictionary<string, string?>
        {
            ["NB_PROJECT"] = "report.nbproj", ["NB_REGISTRY"] = host, ["NB_REPOSITORY"] = "e2e/action", ["NB_VERSION"] = "2.1.0",
            ["NB_TAGS"] = "v2,ci", ["NB_LOCKED_MODE"] = "true", ["NB_BASE_IMAGE"] = fixture.BaseImage, ["NB_CONFIGURATION"] = "Release",
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = outputs, ["GITHUB_STEP_SUMMARY"] = summary,
            ["NUGET_PACKAGES"] = nuget.Path,
        };

        var result = await ProcessRunner.RunAsync("bash", ["-c", GitHubActionsTests.RunScript()], project.Directory, environment, TimeSpan.FromMinutes(5));

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain($"SOURCE_DATE_EPOCH={CommitTime}");
        var lines = File.ReadAllLines(outputs).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        lines["digest"].ShouldStartWith("sha256:");
        lines["image"].ShouldBe($"{host}/e2e/action@{lines["digest"]}");
        lines["tags"].Split(',').ShouldBe([$"{host}/e2e/action:v2", $"{host}/e2e/action:ci"]);
        File.ReadAllText(summary).ShouldContain(lines["digest"]);
        var config = await ReadConfigAsync("e2e/action", "ci");
        config["created"]!.GetValue<string>().ShouldBe("2023-11-14T22:13:20Z");
        config["config"]!["Labels"]!["org.opencontainers.image.version"]!.GetValue<string>().ShouldBe("2.1.0");
    }

    [Fact]
    public async Task The_cake_sample_builds_tests_and_publishes_with_the_real_cake_tool()
    {
        using var project = ReportImage.CopySample("report");
        using var cake = new TempFolder();
        CopyDirectory(Path.Combine(Repo.Samples, "cake"), cake.Path);
        using var nuget = new TempFolder();
        using var cliHome = new TempFolder();
        // The CLI remembers where it restored a local tool (DOTNET_CLI_HOME/.dotnet/toolResolverCache) by id and version
        // only, and "dotnet tool restore" does not correct a remembered path: after any earlier run whose package folder
        // is gone, "dotnet cake" would fail with "Run dotnet tool restore". A home of its own keeps the test from that.
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = nuget.Path, ["DOTNET_CLI_HOME"] = cliHome.Path };

        var restore = await ProcessRunner.RunAsync("dotnet", ["tool", "restore"], cake.Path, environment, TimeSpan.FromMinutes(3));
        restore.ExitCode.ShouldBe(0, restore.Output);
        var run = await ProcessRunner.RunAsync("dotnet",
            ["cake", $"--project={project.ProjectPath}", $"--registry={fixture.Registry.Host}", $"--base-image={fixture.BaseImage}",
             "--repository=e2e/cake", "--tags=1.0.0;cake", "--parameters=region=cake;top_n=2"],
            cake.Path, environment, TimeSpan.FromMinutes(6));

        run.ExitCode.ShouldBe(0, run.Output);
        File.ReadAllText(Path.Combine(cake.Path, "artifacts", "test-run", "report.ipynb")).ShouldContain("Region cake: top 2 of 8 products");
        using var http = new HttpClient();
        var tags = await http.GetFromJsonAsync<JsonElement>($"http://{fixture.Registry.Host}/v2/e2e/cake/tags/list");
        var names = tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
        names.Where(t => !t.StartsWith("sha256-", StringComparison.Ordinal)).ShouldBe(["1.0.0", "cake"], ignoreOrder: true);
        names.Count(t => t.StartsWith("sha256-", StringComparison.Ordinal)).ShouldBe(1, "the SBOM's referrers tag (distribution 2.8 has no referrers API)");
    }

    private async Task<JsonNode> ReadConfigAsync(string repository, string tag)
    {
        using var client = new RegistryClient(fixture.Registry.Host, new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous });
        var manifest = await client.GetManifestAsync(repository, tag);
        var configDigest = JsonNode.Parse(manifest.Bytes)!["config"]!["digest"]!.GetValue<string>();
        return JsonNode.Parse(await client.GetBlobBytesAsync(repository, configDigest))!;
    }

    private static async Task CommitAsync(string directory)
    {
        var date = $"@{CommitTime} +0000";
        var environment = new Dictionary<string, string?> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date };
        foreach (var args in new[]
        {
            new[] { "init", "-q" },
            ["add", "-A"],
            ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", "commit", "-q", "-m", "report"],
        })
        {
            var git = await ProcessRunner.RunAsync("git", args, directory, environment, TimeSpan.FromMinutes(1));
            git.ExitCode.ShouldBe(0, git.Output);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("tools/") || relative.StartsWith("artifacts/")) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
