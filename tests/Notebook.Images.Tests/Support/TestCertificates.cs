using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Notebook.Images.Tests.Support;

/// <summary>
/// A CA, a server certificate for 127.0.0.1 and a client certificate, as PEM files named the way dockerd and the
/// docker CLI expect them: ca.pem, cert.pem, key.pem (client) and server-cert.pem, server-key.pem.
/// </summary>
public static class TestCertificates
{
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=notebook-test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());

        Issue(ca, "CN=127.0.0.1", server: true, Path.Combine(directory, "server-cert.pem"), Path.Combine(directory, "server-key.pem"));
        Issue(ca, "CN=client", server: false, Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem"));
    }

    private static void Issue(X509Certificate2 ca, string subject, bool server, string certFile, string keyFile)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
