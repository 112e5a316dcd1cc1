using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

/// <summary>DOCKER_TLS_VERIFY, DOCKER_TLS and DOCKER_CERT_PATH against a dockerd that listens with --tlsverify.</summary>
public class DockerTlsTests(TlsDockerEngineServer docker) : IClassFixture<TlsDockerEngineServer>
{
    private DockerEndpoint Resolve(Dictionary<string, string?> environment) =>
        DockerEndpoint.Resolve(n => environment.GetValueOrDefault(n));

    [Fact]
    public async Task DOCKER_TLS_VERIFY_with_DOCKER_CERT_PATH_runs_a_container_over_tls()
    {
        var image = await docker.ShellImageAsync();
        var endpoint = Resolve(new() { ["DOCKER_HOST"] = docker.TcpHost, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = docker.CertificateDirectory });
        endpoint.Tls.ShouldNotBeNull().Verify.ShouldBeTrue();
        using var engine = new DockerEngine(endpoint);
        await engine.PingAsync();

        var id = await engine.CreateContainerAsync(new DockerContainerSpec { Image = image, Command = ["echo over tls; exit 5"], NetworkMode = "none" });
        try
        {
            using var attachment = await engine.AttachAsync(id);
            await engine.StartContainerAsync(id);
            (await attachment.ReadToEndAsync()).Stdout.ShouldBe("over tls\n");
            (await engine.WaitContainerAsync(id)).ShouldBe(5);
        }
        finally
        {
            await engine.RemoveContainerAsync(id);
        }
    }

    [Fact]
    public async Task Plain_http_to_the_tls_port_is_NB4090()
    {
        using var engine = new DockerEngine(Resolve(new() { ["DOCKER_HOST"] = docker.TcpHost }));
        (await Should.ThrowAsync<NotebookSdkException>(() => engine.PingAsync())).Code.ShouldBe("NB4090");
    }

    [Fact]
    public async Task A_server_certificate_of_another_CA_is_NB4093_unless_verification_is_off()
    {
        using var dir = new TempDirectory();
        var other = dir.Combine("other");
        TestCertificates.Write(other);
        var mixed = dir.Combine("mixed");
        Directory.CreateDirectory(mixed);
        File.Copy(Path.Combine(other, "ca.pem"), Path.Combine(mixed, "ca.pem"));
        File.Copy(Path.Combine(docker.CertificateDirectory, "cert.pem"), Path.Combine(mixed, "cert.pem"));
        File.Copy(Path.Combine(docker.CertificateDirectory, "key.pem"), Path.Combine(mixed, "key.pem"));

        using (var verifying = new DockerEngine(Resolve(new() { ["DOCKER_HOST"] = docker.TcpHost, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = mixed })))
            (await Should.ThrowAsync<NotebookSdkException>(() => verifying.PingAsync())).Code.ShouldBe("NB4093");

        // DOCKER_TLS without DOCKER_TLS_VERIFY: TLS with the client certificate, server not checked (docker --tls).
        using var trusting = new DockerEngine(Resolve(new() { ["DOCKER_HOST"] = docker.TcpHost, ["DOCKER_TLS"] = "1", ["DOCKER_CERT_PATH"] = mixed }));
        await trusting.PingAsync();
    }

    [Fact]
    public async Task A_context_made_by_the_docker_CLI_carries_its_tls_files()
    {
        using var dir = new TempDirectory();
        var config = dir.Combine("config");
        var certs = docker.CertificateDirectory;
        await Tools.RunCheckedAsync("docker", "--config", config, "context", "create", "secure", "--docker",
            $"host={docker.TcpHost},ca={certs}/ca.pem,cert={certs}/cert.pem,key={certs}/key.pem");

        var endpoint = Resolve(new() { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "secure" });
        endpoint.Tls.ShouldNotBeNull().CertFile.ShouldNotBeNull();
        using var engine = new DockerEngine(endpoint);
        (await engine.GetVersionAsync()).ApiVersion.ShouldBeGreaterThanOrEqualTo(DockerEngine.MinimumApiVersion);
    }
}
