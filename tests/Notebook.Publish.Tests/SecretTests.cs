using System.IO.Compression;
using System.Text;
using Notebook.Images.Tests.Support;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>A registry password never reaches the console, a diagnostic log, or a binary log (ARCHITECTURE.md section 7).</summary>
[Collection(PublishCollection.Name)]
public sealed class SecretTests
{
    [Fact]
    public async Task Password_from_the_SDK_CONTAINER_variables_is_in_no_output_and_no_binlog()
    {
        await using var registry = await StartAsync();
        using var project = Project(registry);
        var binlog = Path.Combine(project.Directory, "publish.binlog");

        var result = await project.PublishAsync(new Dictionary<string, string?>
        {
            ["SDK_CONTAINER_REGISTRY_UNAME"] = BasicAuthRegistryServer.User,
            ["SDK_CONTAINER_REGISTRY_PWORD"] = BasicAuthRegistryServer.Password,
        }, "-bl:" + binlog, "-v:diag");

        result.ExitCode.ShouldBe(0, result.Output);
        result.WarningCodes.ShouldBeEmpty();
        await AssertNoSecretAsync(result.Output, binlog, BasicAuthRegistryServer.Password);
        (await Skopeo.TagsAsync($"docker://{registry.Server.Host}/job", $"--creds={BasicAuthRegistryServer.User}:{BasicAuthRegistryServer.Password}")).ShouldContain("1.4.0");
    }

    /// <summary>
    /// MSBuild itself writes every DOTNET_* environment variable into a binary log at build start (checked on
    /// SDK 10.0.401); the SDK cannot prevent that, so it warns (NB4055) and never prints the value itself.
    /// </summary>
    [Fact]
    public async Task Password_in_DOTNET_CONTAINER_REGISTRY_PWORD_with_a_binlog_is_warned_about_and_never_printed_by_the_SDK()
    {
        await using var registry = await StartAsync();
        using var project = Project(registry);
        var binlog = Path.Combine(project.Directory, "publish.binlog");

        var result = await project.PublishAsync(new Dictionary<string, string?>
        {
            ["DOTNET_CONTAINER_REGISTRY_UNAME"] = BasicAuthRegistryServer.User,
            ["DOTNET_CONTAINER_REGISTRY_PWORD"] = BasicAuthRegistryServer.Password,
        }, "-bl:" + binlog);

        result.ExitCode.ShouldBe(0, result.Output);
        result.WarningCodes.ShouldBe(["NB4055"]);
        result.Output.ShouldNotContain(BasicAuthRegistryServer.Password);
        var replay = await ProcessRunner.RunAsync("dotnet", ["msbuild", binlog, "-v:n", "-nologo"], project.Directory);
        replay.Output.ShouldNotContain(BasicAuthRegistryServer.Password, customMessage: "at normal verbosity only MSBuild's environment record holds it");
    }

    [Fact]
    public async Task Password_from_the_docker_config_is_in_no_output_and_no_binlog_and_a_wrong_one_is_NB4011()
    {
        await using var registry = await StartAsync();
        using var project = Project(registry);
        var binlog = Path.Combine(project.Directory, "publish.binlog");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicAuthRegistryServer.User}:{BasicAuthRegistryServer.Password}"));
        var config = project.Project.Write("docker/config.json", "{\"auths\":{\"" + registry.Server.Host + "\":{\"auth\":\"" + auth + "\"}}}");
        var environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = Path.GetDirectoryName(config) };

        var result = await project.PublishAsync(environment, "-bl:" + binlog, "-v:diag");

        result.ExitCode.ShouldBe(0, result.Output);
        await AssertNoSecretAsync(result.Output, binlog, BasicAuthRegistryServer.Password, auth);

        const string wrong = "wr0ng-Pa55word-abc";
        var wrongAuth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicAuthRegistryServer.User}:{wrong}"));
        File.WriteAllText(config, "{\"auths\":{\"" + registry.Server.Host + "\":{\"auth\":\"" + wrongAuth + "\"}}}");
        var refused = await project.PublishAsync(environment, "-bl:" + binlog);

        refused.ExitCode.ShouldNotBe(0);
        refused.ErrorCodes.ShouldBe(["NB4011"], refused.Output);
        refused.Output.ShouldContain(registry.Server.Host);
        await AssertNoSecretAsync(refused.Output, binlog, wrong, wrongAuth);
    }

    private static ImageProject Project(AuthRegistry registry) => new($"""
        <Version>1.4.0</Version>
        <ContainerRegistry>{registry.Server.Host}</ContainerRegistry>
        <ContainerBaseImage>{registry.Server.Host}/base:1</ContainerBaseImage>
        """);

    private static async Task AssertNoSecretAsync(string output, string binlog, params string[] secrets)
    {
        var raw = await File.ReadAllBytesAsync(binlog);
        var unpacked = Decompress(raw);
        unpacked.Length.ShouldBeGreaterThan(raw.Length, "a binlog is a gzip stream");
        var replay = await ProcessRunner.RunAsync("dotnet", ["msbuild", binlog, "-v:diag", "-nologo"], Path.GetDirectoryName(binlog)!);
        replay.Output.ShouldContain("PublishNotebookImage", customMessage: "the replay shows the publish");
        foreach (var secret in secrets)
        {
            output.ShouldNotContain(secret);
            replay.Output.ShouldNotContain(secret);
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
            {
                var needle = encoding.GetBytes(secret);
                raw.AsSpan().IndexOf(needle).ShouldBe(-1, $"'{secret}' in the binlog bytes");
                unpacked.AsSpan().IndexOf(needle).ShouldBe(-1, $"'{secret}' in the decompressed binlog");
            }
        }
    }

    private static byte[] Decompress(byte[] binlog)
    {
        using var gzip = new GZipStream(new MemoryStream(binlog), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static async Task<AuthRegistry> StartAsync()
    {
        var registry = new AuthRegistry();
        await registry.Server.InitializeAsync();
        using var client = new Notebook.Images.RegistryClient(registry.Server.Host, new Notebook.Images.RegistryClientOptions
        {
            Credentials = BasicAuthRegistryServer.Credentials(registry.Server.Host),
            Retry = RegistryServer.TestRetry,
        });
        await TestImages.PushBaseAsync(client, "base", "1");
        return registry;
    }

    private sealed class AuthRegistry : IAsyncDisposable
    {
        public BasicAuthRegistryServer Server { get; } = new();

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }
}
