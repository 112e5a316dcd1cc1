using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>The few Docker Engine API calls publishing needs.</summary>
public interface IDockerEngine
{
    /// <summary>Throws NB4020 when no engine answers.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    /// <summary>POST /images/load with a docker-archive tar; throws NB4021 when the engine refuses it.</summary>
    Task LoadAsync(Stream archive, string imageName, CancellationToken cancellationToken = default);
}

/// <summary>
/// Docker Engine API over the unix socket of DOCKER_HOST (<c>unix://PATH</c>) or <c>/var/run/docker.sock</c>,
/// through <see cref="SocketsHttpHandler.ConnectCallback"/>.
/// </summary>
public sealed class DockerEngineClient : IDockerEngine, IDisposable
{
    public const string DefaultSocket = "/var/run/docker.sock";
    private readonly HttpClient _http;

    public DockerEngineClient(string? dockerHost = null, TimeSpan? timeout = null)
    {
        var host = string.IsNullOrEmpty(dockerHost) ? Environment.GetEnvironmentVariable("DOCKER_HOST") : dockerHost;
        if (string.IsNullOrEmpty(host)) SocketPath = DefaultSocket;
        else if (host.StartsWith("unix://", StringComparison.Ordinal)) SocketPath = host["unix://".Length..];
        else throw Messages.NB4022_UnsupportedDockerHost.Exception(host);

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = timeout ?? TimeSpan.FromMinutes(10) };
    }

    public string SocketPath { get; }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await _http.GetAsync("_ping", timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Messages.NB4020_DockerEngineUnavailable.Exception("unix://" + SocketPath, $"HTTP {(int)response.StatusCode} from /_ping");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException
            || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Messages.NB4020_DockerEngineUnavailable.Exception("unix://" + SocketPath, e is OperationCanceledException ? "no answer within 10 s" : e.Message);
        }
    }

    public async Task LoadAsync(Stream archive, string imageName, CancellationToken cancellationToken = default)
    {
        await PingAsync(cancellationToken).ConfigureAwait(false);
        var content = new StreamContent(archive, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await _http.PostAsync("images/load?quiet=1", content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw Messages.NB4021_DockerEngineLoadFailed.Exception("unix://" + SocketPath, imageName, (int)response.StatusCode, Trim(body));
        // The body is a stream of JSON messages; a failure mid-way shows as {"errorDetail":...,"error":"..."}.
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error))
                    throw Messages.NB4021_DockerEngineLoadFailed.Exception("unix://" + SocketPath, imageName, (int)response.StatusCode, Trim(error.GetString() ?? ""));
            }
            catch (JsonException)
            {
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "..." : text.Trim();
}

/// <summary>Loads the image into a Docker engine through a docker-archive written to a temp file.</summary>
public sealed class DockerEngineDestination(IDockerEngine engine, string imageName, DateTimeOffset? timestamp = null) : IImageDestination
{
    public async Task PublishAsync(BuiltImage image, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        await engine.PingAsync(cancellationToken).ConfigureAwait(false);
        var temp = Path.Combine(Path.GetTempPath(), $"nb-image-{Guid.NewGuid():N}.tar");
        try
        {
            await new DockerArchiveWriter(imageName, timestamp).WriteAsync(image, tags, temp, cancellationToken).ConfigureAwait(false);
            await using var stream = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await engine.LoadAsync(stream, imageName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
