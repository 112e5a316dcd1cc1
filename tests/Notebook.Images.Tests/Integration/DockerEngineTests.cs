using System.Text;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

/// <summary>
/// The Docker engine client against a real dockerd (one per class: a container costs seconds on vfs), over its
/// unix socket and over plain tcp on 127.0.0.1.
/// </summary>
public class DockerEngineTests(DockerEngineServer docker) : IClassFixture<DockerEngineServer>
{
    private const string TestLabel = "dev.notebook-sdk.test";

    private DockerEngine Engine(string transport) => new(transport == "tcp" ? docker.TcpEndpoint : docker.Endpoint);

    [Fact]
    public async Task Image_loads_into_a_real_docker_engine_with_its_tags()
    {
        using var cache = new TempDirectory();
        using var assembler = new ImageAssembler();
        var assembled = await assembler.AssembleAsync(new AssembleRequest
        {
            CacheDirectory = cache.Path,
            Layers = [new LayerSpec("app", [LayerEntry.FromText("/app/readme.txt", "hello"), LayerEntry.FromText("/app/run", "#!/bin/sh\n", true)])],
            Settings = new ImageSettings { Entrypoint = ["/app/run"], Labels = new Dictionary<string, string> { ["k"] = "v" } },
        });
        using var engine = Engine("unix");

        await new DockerEngineDestination(engine, "notebook/engine-test").PublishAsync(assembled.Image, ["1.4.0", "latest"]);

        var id = await Tools.RunCheckedAsync("docker", "-H", docker.DockerHost, "image", "inspect", "notebook/engine-test:1.4.0", "--format", "{{.Id}} {{index .Config.Labels \"k\"}}");
        id.Trim().ShouldBe(assembled.ConfigDigest + " v");
        (await Tools.RunCheckedAsync("docker", "-H", docker.DockerHost, "image", "inspect", "notebook/engine-test:latest", "--format", "{{.Id}}")).Trim()
            .ShouldBe(assembled.ConfigDigest);
    }

    [Fact]
    public async Task A_broken_archive_is_NB4098()
    {
        using var engine = Engine("tcp");
        var error = await Should.ThrowAsync<NotebookSdkException>(() => engine.LoadImageAsync(new MemoryStream("not a tar"u8.ToArray()), "x"));
        error.Code.ShouldBe("NB4098");
    }

    [Theory]
    [InlineData("unix")]
    [InlineData("tcp")]
    public async Task Version_is_the_engines_own(string transport)
    {
        using var engine = Engine(transport);
        await engine.PingAsync();
        var version = await engine.GetVersionAsync();

        var cli = (await Tools.RunCheckedAsync("docker", "-H", docker.DockerHost, "version", "--format", "{{.Server.APIVersion}} {{.Server.Version}}")).Trim();
        cli.ShouldBe($"{version.ApiVersion} {version.Version}");
        version.ApiVersion.ShouldBeGreaterThanOrEqualTo(DockerEngine.MinimumApiVersion);
        version.Os.ShouldBe("linux");
    }

    [Theory]
    [InlineData("unix")]
    [InlineData("tcp")]
    public async Task A_container_prints_on_both_streams_and_exits_with_its_code(string transport)
    {
        var image = await docker.ShellImageAsync();
        using var engine = Engine(transport);
        var run = Guid.NewGuid().ToString("N");
        var id = await engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = image,
            Command = ["echo \"out $GREETING\"; echo err >&2; echo more; exit 3"],
            Environment = [new("GREETING", "hello from " + transport)],
            Labels = new Dictionary<string, string> { [TestLabel] = run },
            NetworkMode = "none",
        });
        try
        {
            using var attachment = await engine.AttachAsync(id);
            await engine.StartContainerAsync(id);
            var (stdout, stderr) = await attachment.ReadToEndAsync();

            (await engine.WaitContainerAsync(id)).ShouldBe(3);
            stdout.ShouldBe($"out hello from {transport}\nmore\n");
            stderr.ShouldBe("err\n");
            var listed = await engine.ListContainersAsync(new Dictionary<string, string?> { [TestLabel] = run });
            listed.Select(c => (c.Id, c.State)).ShouldBe([(id, "exited")]);
            listed[0].Labels[TestLabel].ShouldBe(run);
        }
        finally
        {
            await engine.RemoveContainerAsync(id);
        }
        (await engine.ListContainersAsync(new Dictionary<string, string?> { [TestLabel] = run })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("unix")]
    [InlineData("tcp")]
    public async Task Stdin_reaches_the_container_and_kill_stops_one_that_waits(string transport)
    {
        var image = await docker.ShellImageAsync();
        using var engine = Engine(transport);
        var run = Guid.NewGuid().ToString("N");
        var id = await engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = image,
            // Reads one line, answers, then blocks on stdin again until killed (PID 1 ignores TERM; KILL ends it).
            Command = ["read line; echo \"got $line\"; read never; echo unreachable"],
            OpenStdin = true,
            Labels = new Dictionary<string, string> { [TestLabel] = run },
            NetworkMode = "none",
        });
        try
        {
            using var attachment = await engine.AttachAsync(id, stdin: true);
            await engine.StartContainerAsync(id);
            await attachment.WriteStdinAsync(Encoding.UTF8.GetBytes("connection info\n"));

            var first = await attachment.ReadAsync();
            first.ShouldNotBeNull();
            first.Value.Stream.ShouldBe(DockerStream.Stdout);
            Encoding.UTF8.GetString(first.Value.Data.Span).ShouldBe("got connection info\n");
            (await engine.ListContainersAsync(new Dictionary<string, string?> { [TestLabel] = null })).Single(c => c.Id == id).State.ShouldBe("running");

            (await engine.KillContainerAsync(id, "KILL")).ShouldBeTrue();
            (await engine.WaitContainerAsync(id)).ShouldBe(137);
            (await attachment.ReadAsync()).ShouldBeNull();
            (await engine.KillContainerAsync(id, "KILL")).ShouldBeFalse();
        }
        finally
        {
            await engine.RemoveContainerAsync(id);
        }
        await engine.RemoveContainerAsync(id);
        (await engine.ListContainersAsync(new Dictionary<string, string?> { [TestLabel] = run })).ShouldBeEmpty();
        (await engine.KillContainerAsync(id)).ShouldBeFalse();
    }

    [Fact]
    public async Task Kill_sends_the_signal_it_is_given()
    {
        var image = await docker.ShellImageAsync();
        using var engine = Engine("tcp");
        var id = await engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = image,
            // PID 1 gets only the signals it handles: the trap proves TERM (not KILL) arrived.
            Command = ["trap 'echo got TERM; exit 9' TERM; echo ready; read never"],
            OpenStdin = true,
            NetworkMode = "none",
        });
        try
        {
            using var attachment = await engine.AttachAsync(id, stdin: true);
            await engine.StartContainerAsync(id);
            Encoding.UTF8.GetString((await attachment.ReadAsync()).ShouldNotBeNull().Data.Span).ShouldBe("ready\n");

            (await engine.KillContainerAsync(id, "TERM")).ShouldBeTrue();
            (await engine.WaitContainerAsync(id)).ShouldBe(9);
            (await attachment.ReadToEndAsync()).Stdout.ShouldBe("got TERM\n");
        }
        finally
        {
            await engine.RemoveContainerAsync(id);
        }
    }

    [Fact]
    public async Task Host_network_binds_and_user_reach_the_container()
    {
        var image = await docker.ShellImageAsync();
        using var engine = Engine("unix");
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("in"));
        Directory.CreateDirectory(dir.Combine("out"));
        File.WriteAllText(dir.Combine("in", "value.txt"), "from the host\n");
        await Tools.RunCheckedAsync("chmod", "777", dir.Combine("out"));
        var id = await engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = image,
            Command = ["read v < /in/value.txt; echo \"$v\" > /out/copy.txt; while read l; do echo \"$l\"; done < /proc/net/dev"],
            Binds = [dir.Combine("in") + ":/in:ro", dir.Combine("out") + ":/out"],
            User = "4242:4243",
            NetworkMode = "host",
        });
        try
        {
            using var attachment = await engine.AttachAsync(id);
            await engine.StartContainerAsync(id);
            var (stdout, stderr) = await attachment.ReadToEndAsync();
            (await engine.WaitContainerAsync(id)).ShouldBe(0, stderr);

            File.ReadAllText(dir.Combine("out", "copy.txt")).ShouldBe("from the host\n");
            var owner = (await Tools.RunCheckedAsync("stat", "-c", "%u:%g", dir.Combine("out", "copy.txt"))).Trim();
            owner.ShouldBe("4242:4243");
            // The host's own interfaces (not just lo) are visible only on the host network.
            var hostInterface = Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).First(n => n != "lo");
            stdout.ShouldContain(hostInterface + ":");
        }
        finally
        {
            await engine.RemoveContainerAsync(id);
        }
    }

    [Fact]
    public async Task A_missing_image_is_NB4097_and_a_bad_bind_is_NB4099()
    {
        using var engine = Engine("tcp");
        (await Should.ThrowAsync<NotebookSdkException>(() => engine.CreateContainerAsync(new DockerContainerSpec { Image = "notebook/not-loaded:1" })))
            .Code.ShouldBe("NB4097");
        var image = await docker.ShellImageAsync();
        (await Should.ThrowAsync<NotebookSdkException>(() => engine.CreateContainerAsync(new DockerContainerSpec { Image = image, Binds = ["relative/path:/x"] })))
            .Code.ShouldBe("NB4099");
    }

    [Fact]
    public async Task The_engine_is_found_through_DOCKER_HOST_and_through_a_context_the_docker_CLI_made()
    {
        using var dir = new TempDirectory();
        var config = dir.Combine("docker-config");
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "loopback", "--docker", "host=" + docker.TcpHost);
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "socket", "--docker", "host=" + docker.DockerHost);
        var cases = new (Dictionary<string, string?> Environment, string Host, string Source)[]
        {
            (new() { ["DOCKER_HOST"] = docker.TcpHost, ["DOCKER_CONFIG"] = config }, docker.TcpHost, "DOCKER_HOST"),
            (new() { ["DOCKER_HOST"] = docker.DockerHost, ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "loopback" }, docker.DockerHost, "DOCKER_HOST"),
            (new() { ["DOCKER_CONTEXT"] = "loopback", ["DOCKER_CONFIG"] = config }, docker.TcpHost, "context 'loopback' (DOCKER_CONTEXT)"),
        };
        foreach (var (environment, host, source) in cases)
        {
            var endpoint = DockerEndpoint.Resolve(n => environment.GetValueOrDefault(n));
            endpoint.ToString().ShouldBe(host);
            endpoint.Source.ShouldBe(source);
            using var engine = new DockerEngine(endpoint);
            await engine.PingAsync();
        }

        // 'docker context use' writes currentContext into config.json.
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "use", "socket");
        var current = DockerEndpoint.Resolve(n => n == "DOCKER_CONFIG" ? config : null);
        current.ToString().ShouldBe(docker.DockerHost);
        current.Source.ShouldStartWith("context 'socket' (currentContext in ");
        using (var engine = new DockerEngine(current)) await engine.PingAsync();
        var fromCli = (await Tools.RunCheckedAsync("docker", "--config", config, "version", "--format", "{{.Server.Version}}")).Trim();
        using (var engine = new DockerEngine(current)) (await engine.GetVersionAsync()).Version.ShouldBe(fromCli);
    }
}
