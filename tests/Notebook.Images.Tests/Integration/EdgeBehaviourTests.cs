using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

/// <summary>
/// Registry behaviours distribution 2.8 on a filesystem never shows (redirects to a storage host, relative
/// upload Locations, a lying Docker-Content-Digest), served by a scripted HttpListener.
/// </summary>
public class EdgeBehaviourTests
{
    private sealed class ScriptedServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public ScriptedServer(Func<HttpListenerContext, Task> handle)
        {
            Port = RegistryServer.FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                    Requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.PathAndQuery} auth={context.Request.Headers["Authorization"] ?? "none"}");
                    try { await handle(context); } catch (Exception) { context.Response.StatusCode = 500; }
                    context.Response.Close();
                }
            });
        }

        public int Port { get; }

        public string Host => $"127.0.0.1:{Port}";

        public ConcurrentQueue<string> Requests { get; } = new();

        public void Dispose() => _listener.Close();
    }

    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("blob-bytes");
    private static readonly string PayloadDigest = Digests.Compute(Payload);

    private static RegistryClient Client(string host, string password = "pw") => new(host, new RegistryClientOptions
    {
        Credentials = new StaticCredentialProvider(new Dictionary<string, RegistryCredential> { [host] = new("u", password) }),
        Retry = RegistryServer.TestRetry,
    });

    [Fact]
    public async Task Redirect_to_another_host_carries_no_credentials()
    {
        using var storage = new ScriptedServer(async c => await c.Response.OutputStream.WriteAsync(Payload));
        using var registry = new ScriptedServer(c =>
        {
            if (c.Request.Headers["Authorization"] is null)
            {
                c.Response.StatusCode = 401;
                c.Response.AddHeader("WWW-Authenticate", "Basic realm=\"test\"");
            }
            else
            {
                c.Response.StatusCode = 307;
                c.Response.RedirectLocation = $"http://{storage.Host}/signed/blob?sig=abc";
            }
            return Task.CompletedTask;
        });
        using var client = Client(registry.Host, "very-secret");

        (await client.GetBlobBytesAsync("r", PayloadDigest)).ShouldBe(Payload);

        registry.Requests.ShouldContain(r => r.Contains("auth=Basic"));
        storage.Requests.ShouldHaveSingleItem().ShouldEndWith("auth=none");
    }

    [Fact]
    public async Task Relative_upload_location_with_a_query_gets_the_digest_appended()
    {
        using var registry = new ScriptedServer(c =>
        {
            var path = c.Request.Url!.AbsolutePath;
            if (c.Request.HttpMethod == "POST")
            {
                c.Response.StatusCode = 202;
                c.Response.AddHeader("Location", "/v2/r/blobs/uploads/session-1?_state=xyz");
            }
            else if (c.Request.HttpMethod == "PUT")
            {
                c.Response.StatusCode = c.Request.QueryString["digest"] == PayloadDigest && c.Request.QueryString["_state"] == "xyz" ? 201 : 400;
            }
            return Task.CompletedTask;
        });
        using var client = Client(registry.Host);

        await client.UploadBlobAsync("r", Blob.FromBytes("application/octet-stream", Payload));

        registry.Requests.ShouldContain($"PUT /v2/r/blobs/uploads/session-1?_state=xyz&digest={Uri.EscapeDataString(PayloadDigest)} auth=none");
    }

    [Fact]
    public async Task Manifest_whose_bytes_do_not_match_docker_content_digest_is_NB4014()
    {
        using var registry = new ScriptedServer(async c =>
        {
            c.Response.ContentType = MediaTypes.OciManifest;
            c.Response.AddHeader("Docker-Content-Digest", "sha256:" + new string('0', 64));
            await c.Response.OutputStream.WriteAsync("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"""u8.ToArray());
        });
        using var client = Client(registry.Host);

        (await Should.ThrowAsync<NotebookSdkException>(() => client.GetManifestAsync("r", "1"))).Code.ShouldBe("NB4014");
    }

    [Fact]
    public async Task Blob_whose_bytes_do_not_match_the_digest_is_NB4014()
    {
        using var registry = new ScriptedServer(async c => await c.Response.OutputStream.WriteAsync("tampered"u8.ToArray()));
        using var client = Client(registry.Host);

        (await Should.ThrowAsync<NotebookSdkException>(() => client.GetBlobBytesAsync("r", PayloadDigest))).Code.ShouldBe("NB4014");
    }
}
