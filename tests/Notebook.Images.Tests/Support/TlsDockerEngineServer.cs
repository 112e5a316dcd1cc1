namespace Notebook.Images.Tests.Support;

/// <summary>A private dockerd whose tcp listener on 127.0.0.1 takes only TLS clients with a certificate of its CA.</summary>
public sealed class TlsDockerEngineServer : DockerEngineServer
{
    public string CertificateDirectory => Path.Combine(Root, "certs");

    protected override Task PrepareAsync()
    {
        TestCertificates.Write(CertificateDirectory);
        return Task.CompletedTask;
    }

    protected override IEnumerable<string> TcpArguments() =>
    [
        "--tlsverify",
        "--tlscacert", Path.Combine(CertificateDirectory, "ca.pem"),
        "--tlscert", Path.Combine(CertificateDirectory, "server-cert.pem"),
        "--tlskey", Path.Combine(CertificateDirectory, "server-key.pem"),
        "-H", TcpHost,
    ];
}
