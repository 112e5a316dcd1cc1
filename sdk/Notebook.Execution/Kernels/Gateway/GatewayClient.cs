using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Execution.Kernels.Gateway;

/// <summary>One answer of the gateway's REST API: the status and the body as JSON (null when it was not JSON).</summary>
public sealed record GatewayResponse(HttpStatusCode Status, JsonNode? Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The server's own words for an error (<c>message</c> and <c>reason</c>), never its traceback.</summary>
    public string ErrorText
    {
        get
        {
            var message = (Body as JsonObject)?["message"]?.ToString();
            var reason = (Body as JsonObject)?["reason"]?.ToString();
            var words = string.Join("; ", new[] { message, reason }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var text = $"HTTP {(int)Status} {Status}" + (words.Length > 0 ? $": {words}" : "");
            return text.Length > 500 ? text[..500] + "..." : text;
        }
    }
}

/// <summary>
/// The Jupyter Server kernel REST API (<c>/api/kernelspecs</c>, <c>/api/kernels</c>), as Enterprise Gateway and Kernel
/// Gateway serve it too, with <c>Authorization: token T</c>. Every call is bounded. Transport failures become NB5140,
/// 401/403 NB5141, answers that are not JSON NB5145; other statuses are returned for the caller to judge.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly GatewayOptions _options;
    private readonly Uri _base;

    public GatewayClient(GatewayOptions options)
    {
        _options = options;
        // A base path (/user/ada) must survive relative URIs: it needs its trailing slash.
        var url = options.Url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        _base = new Uri(url.EndsWith('/') ? url : url + "/");
        // No redirects: a redirect could carry the token to another host.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(options.Token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", options.Token);
        }
    }

    public GatewayOptions Options => _options;

    /// <summary>ws:// or wss:// for the kernel's channels websocket (<c>api/kernels/{id}/channels?session_id=S</c>).</summary>
    public Uri ChannelsUri(string kernelId, string sessionId)
    {
        var builder = new UriBuilder(new Uri(_base, $"api/kernels/{Uri.EscapeDataString(kernelId)}/channels"))
        {
            Scheme = _base.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = "session_id=" + Uri.EscapeDataString(sessionId),
        };
        return builder.Uri;
    }

    public Task<GatewayResponse> GetAsync(string path, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        SendAsync(HttpMethod.Get, path, null, timeout, cancellationToken);

    public Task<GatewayResponse> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        SendAsync(HttpMethod.Post, path, body, timeout, cancellationToken);

    public Task<GatewayResponse> DeleteAsync(string path, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        SendAsync(HttpMethod.Delete, path, null, timeout, cancellationToken);

    /// <summary>
    /// Sends one request, at most <paramref name="timeout"/> (default <see cref="GatewayOptions.RequestTimeout"/>).
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> was cancelled.
    /// </summary>
    public async Task<GatewayResponse> SendAsync(HttpMethod method, string path, JsonObject? body, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? _options.RequestTimeout;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(bounded.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw Messages.NB5141_GatewayTokenRefused.Exception(_options.DisplayUrl, (int)response.StatusCode);
            }

            var json = ParseJson(bytes);
            if (json is null && bytes.Length > 0 && response.IsSuccessStatusCode)
            {
                throw Messages.NB5145_GatewayNotJupyter.Exception(_options.DisplayUrl,
                    $"{method} {path} gave HTTP {(int)response.StatusCode} with a {response.Content.Headers.ContentType?.MediaType ?? "untyped"} body, not JSON");
            }

            if ((int)response.StatusCode is >= 300 and < 400)
            {
                throw Messages.NB5145_GatewayNotJupyter.Exception(_options.DisplayUrl,
                    $"{method} {path} was redirected (HTTP {(int)response.StatusCode}); redirects are not followed, so that the token stays with this server");
            }

            return new GatewayResponse(response.StatusCode, json);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Messages.NB5140_GatewayUnreachable.Exception(_options.DisplayUrl, $"{method} {path} got no answer within {Durations.Format(limit)}");
        }
        catch (HttpRequestException e)
        {
            throw Messages.NB5140_GatewayUnreachable.Exception(_options.DisplayUrl, $"{method} {path}: {e.Message}");
        }
    }

    private static JsonNode? ParseJson(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
