using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Images.Tests.Support;

/// <summary>
/// The real registry configured for token auth, with a tiny token service written here (HttpListener on
/// loopback) that issues RS256 JWTs with an x5c chain the registry trusts (docker token spec).
/// User 'user'/<see cref="Password"/> (Basic to the token service) or refresh token <see cref="IdentityToken"/>
/// get what they ask for; anonymous callers get pull on 'public/*' only.
/// </summary>
public sealed class TokenAuthRegistryServer : RegistryServer
{
    public const string User = "user";
    public const string Password = "t0ken-Pa55word";
    public const string IdentityToken = "identity-refresh-token-42";
    public const string Service = "notebook-test-registry";
    private const string Issuer = "notebook-test-issuer";

    private readonly RSA _key = RSA.Create(2048);
    private X509Certificate2? _certificate;
    private HttpListener? _listener;
    private Task? _loop;

    public int TokenPort { get; private set; }

    /// <summary>Answer with "access_token" instead of "token".</summary>
    public bool UseAccessTokenField { get; set; }

    public ConcurrentQueue<string> TokenRequests { get; } = new();

    protected override Task PrepareAsync()
    {
        var request = new CertificateRequest("CN=notebook-test-token-signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(Directory, "token.crt"), _certificate.ExportCertificatePem());

        TokenPort = FreePort();
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{TokenPort}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
        return Task.CompletedTask;
    }

    protected override string AuthSection() => $"""
        auth:
          token:
            realm: http://127.0.0.1:{TokenPort}/token
            service: {Service}
            issuer: {Issuer}
            rootcertbundle: {Path.Combine(Directory, "token.crt")}
        """;

    private async Task LoopAsync()
    {
        while (_listener is { IsListening: true })
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                await HandleAsync(context);
            }
            catch (Exception)
            {
                // The client may already be gone (the registry or a test that ended): then only abort.
                try
                {
                    context.Response.StatusCode = 500;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or InvalidOperationException or ObjectDisposedException)
                {
                    context.Response.Abort();
                }
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string[] scopes;
        bool authenticated;
        if (request.HttpMethod == "POST")
        {
            var form = System.Web.HttpUtility.ParseQueryString(await new StreamReader(request.InputStream).ReadToEndAsync());
            authenticated = form["grant_type"] == "refresh_token" && form["refresh_token"] == IdentityToken;
            scopes = (form["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            TokenRequests.Enqueue("POST " + string.Join(' ', scopes));
        }
        else
        {
            scopes = request.QueryString.GetValues("scope") ?? [];
            var header = request.Headers["Authorization"];
            authenticated = header == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
            if (header is not null && !authenticated)
            {
                TokenRequests.Enqueue("DENIED");
                context.Response.StatusCode = 401;
                context.Response.Close();
                return;
            }
            TokenRequests.Enqueue("GET " + string.Join(' ', scopes));
        }

        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            if (parts.Length != 3) continue;
            var actions = parts[2].Split(',').Where(a => authenticated || (a == "pull" && parts[1].StartsWith("public/", StringComparison.Ordinal))).ToArray();
            access.Add(new JsonObject
            {
                ["type"] = parts[0], ["name"] = parts[1],
                ["actions"] = new JsonArray(actions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            });
        }
        var token = Sign(access, authenticated ? User : "");
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            [UseAccessTokenField ? "access_token" : "token"] = token,
            ["expires_in"] = 300,
        });
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private string Sign(JsonArray access, string subject)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate!.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer, ["sub"] = subject, ["aud"] = Service, ["exp"] = now + 300, ["nbf"] = now - 10, ["iat"] = now - 10,
            ["jti"] = Guid.NewGuid().ToString("N"), ["access"] = access,
        };
        var signingInput = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + B64(signature);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _listener?.Stop();
        _listener?.Close();
        if (_loop is not null) await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        _certificate?.Dispose();
        _key.Dispose();
    }
}
