using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

/// <summary>Each rule of finding the engine as the docker CLI does; contexts are made by the real docker CLI.</summary>
public class DockerEndpointTests
{
    private static DockerEndpoint Resolve(Dictionary<string, string?> environment) =>
        DockerEndpoint.Resolve(n => environment.GetValueOrDefault(n));

    private static string Code(Dictionary<string, string?> environment) =>
        Should.Throw<NotebookSdkException>(() => Resolve(environment)).Code;

    [Fact]
    public void Nothing_set_is_the_default_socket()
    {
        using var dir = new TempDirectory();
        var endpoint = Resolve(new() { ["HOME"] = dir.Path });
        endpoint.ToString().ShouldBe("unix:///var/run/docker.sock");
        endpoint.Source.ShouldBe("default");
        endpoint.Tls.ShouldBeNull();
    }

    [Theory]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://10.1.2.3:4000", "tcp://10.1.2.3:4000")]
    [InlineData("tcp://10.1.2.3", "tcp://10.1.2.3:2375")]
    [InlineData("build-host:2375", "tcp://build-host:2375")]
    [InlineData("http://10.1.2.3:4000", "http://10.1.2.3:4000")]
    public void DOCKER_HOST_is_read_as_the_CLI_reads_it(string value, string expected)
    {
        var endpoint = Resolve(new() { ["DOCKER_HOST"] = value });
        endpoint.ToString().ShouldBe(expected);
        endpoint.Source.ShouldBe("DOCKER_HOST");
        endpoint.Tls.ShouldBeNull();
    }

    [Theory]
    [InlineData("ssh://me@build-host")]
    [InlineData("npipe:////./pipe/docker_engine")]
    [InlineData("fd://")]
    [InlineData("tcp://")]
    [InlineData("unix://")]
    public void DOCKER_HOST_that_cannot_be_used_is_NB4091(string value) =>
        Code(new() { ["DOCKER_HOST"] = value }).ShouldBe("NB4091");

    [Fact]
    public void DOCKER_TLS_VERIFY_takes_the_files_of_DOCKER_CERT_PATH_and_port_2376()
    {
        using var dir = new TempDirectory();
        TestCertificates.Write(dir.Path);
        var endpoint = Resolve(new() { ["DOCKER_HOST"] = "tcp://10.1.2.3", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = dir.Path });
        endpoint.ToString().ShouldBe("tcp://10.1.2.3:2376");
        endpoint.Tls.ShouldBe(new DockerTls(dir.Path, dir.Combine("ca.pem"), dir.Combine("cert.pem"), dir.Combine("key.pem"), Verify: true));

        // Without DOCKER_CERT_PATH the files come from DOCKER_CONFIG, as in the CLI; DOCKER_TLS alone does not verify.
        var fromConfig = Resolve(new() { ["DOCKER_HOST"] = "tcp://10.1.2.3:9999", ["DOCKER_TLS"] = "1", ["DOCKER_CONFIG"] = dir.Path });
        fromConfig.Tls.ShouldBe(new DockerTls(dir.Path, dir.Combine("ca.pem"), dir.Combine("cert.pem"), dir.Combine("key.pem"), Verify: false));
        // The CLI turns TLS on for any non-empty value, "0" included.
        Resolve(new() { ["DOCKER_HOST"] = "tcp://10.1.2.3", ["DOCKER_TLS_VERIFY"] = "0", ["DOCKER_CERT_PATH"] = dir.Path }).Tls.ShouldNotBeNull();
        // A unix socket has no TLS.
        Resolve(new() { ["DOCKER_HOST"] = "unix:///x.sock", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = dir.Path }).Tls.ShouldBeNull();
    }

    [Fact]
    public void Missing_tls_files_are_NB4092()
    {
        using var dir = new TempDirectory();
        Code(new() { ["DOCKER_HOST"] = "tcp://10.1.2.3", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = dir.Combine("none") }).ShouldBe("NB4092");
        TestCertificates.Write(dir.Path);
        File.Delete(dir.Combine("key.pem"));
        Code(new() { ["DOCKER_HOST"] = "tcp://10.1.2.3", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = dir.Path }).ShouldBe("NB4092");
    }

    [Fact]
    public void A_broken_client_certificate_is_NB4092_when_the_engine_client_is_made()
    {
        using var dir = new TempDirectory();
        TestCertificates.Write(dir.Path);
        File.WriteAllText(dir.Combine("key.pem"), "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
        var endpoint = Resolve(new() { ["DOCKER_HOST"] = "tcp://10.1.2.3", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = dir.Path });
        Should.Throw<NotebookSdkException>(() => new DockerEngine(endpoint)).Code.ShouldBe("NB4092");
    }

    [Fact]
    public async Task Contexts_come_from_DOCKER_CONTEXT_then_currentContext_and_DOCKER_HOST_wins_over_both()
    {
        using var dir = new TempDirectory();
        var config = dir.Combine("config");
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "remote", "--docker", "host=tcp://10.9.8.7:2375");
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "other", "--docker", "host=unix:///other.sock");

        var named = Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "remote" });
        named.ToString().ShouldBe("tcp://10.9.8.7:2375");
        named.Source.ShouldBe("context 'remote' (DOCKER_CONTEXT)");
        Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "default" }).ToString().ShouldBe("unix:///var/run/docker.sock");
        Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "remote", ["DOCKER_HOST"] = "unix:///wins.sock" }).ToString().ShouldBe("unix:///wins.sock");

        await Tools.RunCheckedAsync("docker", "--config", config, "context", "use", "other");
        Resolve(new() { ["DOCKER_CONFIG"] = config }).ToString().ShouldBe("unix:///other.sock");
        Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "remote" }).ToString().ShouldBe("tcp://10.9.8.7:2375");
        // HOME/.docker when DOCKER_CONFIG is not set.
        Directory.Move(config, dir.Combine(".docker"));
        Resolve(new() { ["HOME"] = dir.Path }).ToString().ShouldBe("unix:///other.sock");
    }

    [Fact]
    public async Task A_context_with_tls_files_or_skip_verify_is_read_from_the_CLIs_layout()
    {
        using var dir = new TempDirectory();
        var config = dir.Combine("config");
        var certs = dir.Combine("certs");
        TestCertificates.Write(certs);
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "secure", "--docker",
            $"host=tcp://10.9.8.7:2376,ca={certs}/ca.pem,cert={certs}/cert.pem,key={certs}/key.pem");
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "lax", "--docker", "host=tcp://10.9.8.7,skip-tls-verify=true");

        var secure = Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "secure" }).Tls.ShouldNotBeNull();
        secure.Verify.ShouldBeTrue();
        File.ReadAllText(secure.CaFile.ShouldNotBeNull()).ShouldBe(File.ReadAllText(Path.Combine(certs, "ca.pem")));
        File.ReadAllText(secure.KeyFile.ShouldNotBeNull()).ShouldBe(File.ReadAllText(Path.Combine(certs, "key.pem")));
        secure.Directory.ShouldStartWith(Path.Combine(config, "contexts", "tls"));

        var lax = Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "lax" });
        lax.Tls.ShouldNotBeNull().Verify.ShouldBeFalse();
        lax.ToString().ShouldBe("tcp://10.9.8.7:2376");
    }

    [Fact]
    public async Task A_missing_context_is_NB4094_and_an_unreadable_config_is_NB4095()
    {
        using var dir = new TempDirectory();
        Code(new() { ["DOCKER_CONFIG"] = dir.Path, ["DOCKER_CONTEXT"] = "nowhere" }).ShouldBe("NB4094");
        File.WriteAllText(dir.Combine("config.json"), "{\"currentContext\": \"nowhere\"}");
        Code(new() { ["DOCKER_CONFIG"] = dir.Path }).ShouldBe("NB4094");
        File.WriteAllText(dir.Combine("config.json"), "{not json");
        Code(new() { ["DOCKER_CONFIG"] = dir.Path }).ShouldBe("NB4095");

        await Tools.RunCheckedAsync("docker", "--config", dir.Combine("ok"), "context", "create", "broken", "--docker", "host=tcp://10.9.8.7:2375");
        foreach (var meta in Directory.GetFiles(dir.Combine("ok", "contexts", "meta"), "meta.json", SearchOption.AllDirectories))
            File.WriteAllText(meta, "{\"Name\": \"broken\", \"Endpoints\": {\"docker\": {\"Host\": \"\"}}}");
        Code(new() { ["DOCKER_CONFIG"] = dir.Combine("ok"), ["DOCKER_CONTEXT"] = "broken" }).ShouldBe("NB4095");
    }

    [Theory]
    [InlineData("1.40")]
    [InlineData("1.12")]
    [InlineData("")]
    public void An_engine_API_older_than_1_41_is_NB4096(string api) =>
        Should.Throw<NotebookSdkException>(() => DockerEngine.CheckApiVersion(new DockerEndpoint(new Uri("unix:///x.sock"), "test"), api)).Code.ShouldBe("NB4096");

    [Theory]
    [InlineData("1.41")]
    [InlineData("1.52")]
    public void API_1_41_and_newer_are_accepted(string api) =>
        DockerEngine.CheckApiVersion(new DockerEndpoint(new Uri("unix:///x.sock"), "test"), api).ShouldBe(System.Version.Parse(api));
}
