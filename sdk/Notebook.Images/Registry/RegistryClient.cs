using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// A client for one registry (OCI distribution spec): pull manifests, indexes, configs and blobs with digest
/// checks; push blobs (HEAD to skip, cross-repository mount, monolithic POST+PUT) and manifests; with auth,
/// bounded retries and errors that name registry, repository and step.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly HttpClient _http;
    private readonly RegistryAuthenticator _auth;
    private readonly RegistryClientOptions _options;
    private int _blobUploads;

    public RegistryClient(string registry, RegistryClientOptions? options = null)
    {
        _options = options ?? new RegistryClientOptions();
        Endpoint = RegistryEndpoint.For(registry, _options.Environment);
        var handler = _options.Handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler, disposeHandler: _options.Handler is null) { Timeout = _options.RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Notebook.Sdk", "0.1"));
        var credentials = _options.Credentials ?? new DockerCredentialProvider(_options.Environment);
        _auth = new RegistryAuthenticator(Endpoint, credentials, _http);
    }

    public RegistryEndpoint Endpoint { get; }

    public string Registry => Endpoint.Registry;

    /// <summary>How many blob uploads (PUTs of bytes) this client started, for reports and tests.</summary>
    public int BlobUploads => _blobUploads;

    /// <summary>GET /v2/: reachable and, if credentials are needed, accepted.</summary>
    public async Task CheckAsync(string repository, bool push, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new Request("checking access", repository, Scopes(repository, push),
            _ => new HttpRequestMessage(HttpMethod.Get, Url("v2/"))), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "checking access", repository).ConfigureAwait(false);
    }

    public async Task<ManifestResponse> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        await TryGetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false)
            ?? throw Messages.NB4013_ImageNotFound.Exception($"{Registry}/{repository}:{reference}", Registry);

    /// <summary>GET of a manifest or index, checked against its digest; null when the registry has none by that reference (404).</summary>
    public async Task<ManifestResponse?> TryGetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        const string step = "reading the manifest";
        using var response = await SendAsync(new Request(step, repository, Scopes(repository, false), _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url($"v2/{repository}/manifests/{reference}"));
            foreach (var type in MediaTypes.ManifestAccept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, FollowRedirects: true), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, step, repository).ConfigureAwait(false);

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = Digests.Compute(bytes);
        var expected = Digests.IsValid(reference) ? reference
            : response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (expected is not null && expected != digest)
            throw Messages.NB4014_DigestMismatch.Exception(Registry, $"{repository}:{reference}", expected, digest);

        string? mediaType = null;
        try
        {
            mediaType = JsonNode.Parse(bytes)?["mediaType"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            throw Messages.NB4019_InvalidImageContent.Exception($"{Registry}/{repository}:{reference}", "manifest", "it is not JSON");
        }
        mediaType ??= response.Content.Headers.ContentType?.MediaType ?? "";
        return new ManifestResponse(mediaType, bytes, digest);
    }

    /// <summary>Resolves a reference to one platform's image: index -> manifest -> config.</summary>
    public async Task<BaseImage> PullImageAsync(ImageReference reference, Platform? platform = null, CancellationToken cancellationToken = default)
    {
        platform ??= Platform.LinuxAmd64;
        var repository = reference.Repository;
        var top = await GetManifestAsync(repository, reference.ManifestReference, cancellationToken).ConfigureAwait(false);
        var manifest = top;
        if (MediaTypes.IsIndex(top.MediaType))
        {
            var chosen = ChoosePlatform(reference, top.Bytes, platform);
            manifest = await GetManifestAsync(repository, chosen, cancellationToken).ConfigureAwait(false);
        }
        if (!MediaTypes.IsManifest(manifest.MediaType))
            throw Messages.NB4016_UnsupportedMediaType.Exception(reference.ToString(), manifest.MediaType);

        var (configDescriptor, layers) = ParseManifest(reference, manifest.Bytes);
        var config = await GetBlobBytesAsync(repository, configDescriptor.Digest, cancellationToken).ConfigureAwait(false);
        var diffIds = ImageConfigBuilder.ReadDiffIds(config);
        if (diffIds.Count != layers.Count)
            throw Messages.NB4019_InvalidImageContent.Exception(reference.ToString(), "config",
                $"it lists {diffIds.Count} diff_ids for {layers.Count} layers");
        return new BaseImage(reference, top.Digest, manifest.Digest, manifest.MediaType, config, layers, diffIds);
    }

    public async Task<bool> BlobExistsAsync(string repository, string digest, bool push = false, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new Request("checking for blob " + digest, repository, Scopes(repository, push),
            _ => new HttpRequestMessage(HttpMethod.Head, Url($"v2/{repository}/blobs/{digest}")), FollowRedirects: true), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, "checking for blob " + digest, repository).ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads a small blob (a config) into memory and checks its digest.</summary>
    public async Task<byte[]> GetBlobBytesAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await DownloadBlobAsync(repository, digest, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Streams a blob into <paramref name="destination"/>, hashing as it goes; a mismatch is NB4014.</summary>
    public async Task DownloadBlobAsync(string repository, string digest, Stream destination, CancellationToken cancellationToken = default)
    {
        var step = "downloading blob " + digest;
        using var response = await SendAsync(new Request(step, repository, Scopes(repository, false),
            _ => new HttpRequestMessage(HttpMethod.Get, Url($"v2/{repository}/blobs/{digest}")), FollowRedirects: true), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, step, repository).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        var actual = Digests.Format(hash.GetHashAndReset());
        if (actual != digest) throw Messages.NB4014_DigestMismatch.Exception(Registry, $"{repository}@{digest}", digest, actual);
    }

    /// <summary>Cross-repository mount: true when the registry linked the blob (201), false when it wants an upload (202).</summary>
    public async Task<bool> TryMountBlobAsync(string repository, string digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        var step = "mounting blob " + digest + " from " + fromRepository;
        var scopes = new[] { $"repository:{repository}:pull,push", $"repository:{fromRepository}:pull" };
        using var response = await SendAsync(new Request(step, repository, scopes, _ => new HttpRequestMessage(HttpMethod.Post,
            Url($"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}"))),
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created) return true;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // A 202 opened an upload session; cancel it so it does not linger (best effort).
            if (response.Headers.Location is { } location)
            {
                var uri = new Uri(response.RequestMessage!.RequestUri!, location);
                try
                {
                    using var _ = await SendAsync(new Request("cancelling an upload", repository, Scopes(repository, true),
                        _ => new HttpRequestMessage(HttpMethod.Delete, uri)), cancellationToken).ConfigureAwait(false);
                }
                catch (NotebookSdkException)
                {
                }
            }
            return false;
        }
        await EnsureSuccessAsync(response, step, repository).ConfigureAwait(false);
        return false;
    }

    /// <summary>Monolithic upload: POST an upload session, then PUT the bytes to its Location with <c>digest=</c>.</summary>
    public async Task UploadBlobAsync(string repository, Blob blob, CancellationToken cancellationToken = default)
    {
        var step = "uploading blob " + blob.Digest;
        for (var round = 1; ; round++)
        {
            Uri location;
            using (var start = await SendAsync(new Request(step, repository, Scopes(repository, true),
                _ => new HttpRequestMessage(HttpMethod.Post, Url($"v2/{repository}/blobs/uploads/"))), cancellationToken).ConfigureAwait(false))
            {
                if (start.StatusCode != HttpStatusCode.Accepted || start.Headers.Location is null)
                {
                    await EnsureSuccessAsync(start, step, repository).ConfigureAwait(false);
                    throw Messages.NB4012_RegistryRequestFailed.Exception(Registry, repository, step, (int)start.StatusCode, "no upload Location was given");
                }
                location = new Uri(start.RequestMessage!.RequestUri!, start.Headers.Location);
            }

            var target = new UriBuilder(location);
            var query = target.Query.TrimStart('?');
            target.Query = (query.Length > 0 ? query + "&" : "") + "digest=" + Uri.EscapeDataString(blob.Digest);
            Interlocked.Increment(ref _blobUploads);
            using var put = await SendAsync(new Request(step, repository, Scopes(repository, true), async ct =>
            {
                var stream = await blob.OpenReadAsync(ct).ConfigureAwait(false);
                var content = new StreamContent(stream, 81920);
                content.Headers.ContentLength = blob.Size;
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return new HttpRequestMessage(HttpMethod.Put, target.Uri) { Content = content };
            }), cancellationToken).ConfigureAwait(false);
            // A session broken by a dropped connection is unknown (404) or invalid (400) to the registry: start a new one once.
            if (round == 1 && put.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                _options.Log?.Info($"{Registry}/{repository}: upload of {blob.Digest} was not accepted (HTTP {(int)put.StatusCode}); starting a new upload.");
                continue;
            }
            await EnsureSuccessAsync(put, step, repository).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>PUT of a manifest or index; the answer tells whether the registry took a <c>subject</c> into its referrers API.</summary>
    public async Task<ManifestPutResult> PutManifestAsync(string repository, string reference, Blob manifest, CancellationToken cancellationToken = default)
    {
        var step = $"writing the manifest '{reference}'";
        using var response = await SendAsync(new Request(step, repository, Scopes(repository, true), _ =>
        {
            var content = new ByteArrayContent(manifest.Bytes ?? throw new InvalidOperationException("Manifests are held in memory."));
            content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return new HttpRequestMessage(HttpMethod.Put, Url($"v2/{repository}/manifests/{reference}")) { Content = content };
        }), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, step, repository).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } echoed && echoed != manifest.Digest)
            throw Messages.NB4014_DigestMismatch.Exception(Registry, $"{repository}:{reference}", manifest.Digest, echoed);
        // distribution-spec 1.1: a registry with the referrers API answers a manifest with a subject with OCI-Subject.
        var subject = response.Headers.TryGetValues("OCI-Subject", out var subjects) ? subjects.FirstOrDefault() : null;
        return new ManifestPutResult(manifest.Digest, subject);
    }

    /// <summary>
    /// Pushes an image: every blob is confirmed present (HEAD), mounted from <paramref name="mountFrom"/>, or
    /// uploaded, in that order of preference; only then the manifest by digest, then each tag. A push that
    /// stopped half-way can simply be run again: present blobs are skipped.
    /// </summary>
    public async Task<PushResult> PushAsync(string repository, BuiltImage image, IReadOnlyList<string> tags, string? mountFrom = null,
        CancellationToken cancellationToken = default)
    {
        ImageReference.ValidateRepository(repository);
        foreach (var tag in tags) ImageReference.ValidateTag(tag);
        List<string> uploaded = [], mounted = [], skipped = [];
        foreach (var blob in image.Blobs.DistinctBy(b => b.Digest))
        {
            if (await BlobExistsAsync(repository, blob.Digest, push: true, cancellationToken).ConfigureAwait(false))
            {
                skipped.Add(blob.Digest);
            }
            else if (mountFrom is not null && mountFrom != repository
                && await TryMountBlobAsync(repository, blob.Digest, mountFrom, cancellationToken).ConfigureAwait(false))
            {
                mounted.Add(blob.Digest);
            }
            else
            {
                await UploadBlobAsync(repository, blob, cancellationToken).ConfigureAwait(false);
                uploaded.Add(blob.Digest);
            }
            _options.Log?.Info($"{Registry}/{repository}: blob {blob.Digest} ready.");
        }

        await PutManifestAsync(repository, image.ManifestDigest, image.Manifest, cancellationToken).ConfigureAwait(false);
        foreach (var tag in tags) await PutManifestAsync(repository, tag, image.Manifest, cancellationToken).ConfigureAwait(false);
        return new PushResult(repository, image.ManifestDigest, tags, uploaded, mounted, skipped);
    }

    public void Dispose() => _http.Dispose();

    private string ChoosePlatform(ImageReference reference, byte[] index, Platform platform)
    {
        var entries = (JsonNode.Parse(index)?["manifests"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => (Digest: m["digest"]?.GetValue<string>(),
                Platform: m["platform"] is JsonObject p
                    ? new Platform(p["os"]?.GetValue<string>() ?? "", p["architecture"]?.GetValue<string>() ?? "", p["variant"]?.GetValue<string>())
                    : null))
            .ToList();
        var match = entries.Where(e => e.Platform is { } p && p.Os == platform.Os && p.Architecture == platform.Architecture
                && (platform.Variant is null || p.Variant == platform.Variant))
            .OrderBy(e => e.Platform!.Variant is null ? 0 : 1)
            .FirstOrDefault();
        if (match.Digest is null || !Digests.IsValid(match.Digest))
            throw Messages.NB4015_PlatformNotFound.Exception(reference.ToString(), platform.ToString(),
                string.Join(", ", entries.Select(e => e.Platform?.ToString() ?? "unknown").Distinct()));
        return match.Digest;
    }

    private static (Descriptor Config, IReadOnlyList<Descriptor> Layers) ParseManifest(ImageReference reference, byte[] bytes)
    {
        var root = JsonNode.Parse(bytes) as JsonObject;
        Descriptor Read(JsonNode? node, string what) => node is JsonObject o
            && o["mediaType"]?.GetValue<string>() is { } mt && o["digest"]?.GetValue<string>() is { } d && Digests.IsValid(d)
            && o["size"]?.GetValue<long>() is { } size
                ? new Descriptor(mt, d, size)
                : throw Messages.NB4019_InvalidImageContent.Exception(reference.ToString(), "manifest", $"a {what} descriptor lacks mediaType, digest or size");
        var config = Read(root?["config"], "config");
        var layers = (root?["layers"] as JsonArray ?? []).Select(l => Read(l, "layer")).ToArray();
        return (config, layers);
    }

    private Uri Url(string relative) => new(Endpoint.BaseUri, relative);

    private static string[] Scopes(string repository, bool push) => [$"repository:{repository}:{(push ? "pull,push" : "pull")}"];

    private sealed record Request(string Step, string Repository, IReadOnlyList<string> Scopes,
        Func<CancellationToken, Task<HttpRequestMessage>> Create, bool FollowRedirects = false)
    {
        public Request(string step, string repository, IReadOnlyList<string> scopes, Func<CancellationToken, HttpRequestMessage> create, bool FollowRedirects = false)
            : this(step, repository, scopes, ct => Task.FromResult(create(ct)), FollowRedirects)
        {
        }
    }

    /// <summary>Sends with the cached credential; on 401 answers the challenge once and resends.</summary>
    private async Task<HttpResponseMessage> SendAsync(Request request, CancellationToken cancellationToken)
    {
        var header = _auth.Cached(request.Scopes);
        var response = await SendWithRetryAsync(request, header, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var challenge = AuthChallenge.From(response);
            response.Dispose();
            header = await _auth.AuthenticateAsync(challenge, request.Scopes, request.Repository, request.Step, cancellationToken).ConfigureAwait(false)
                ?? throw Messages.NB4011_RegistryAuthenticationFailed.Exception(Registry, request.Repository, request.Step, 401,
                    RegistryAuthenticator.AccessOf(request.Scopes));
            response = await SendWithRetryAsync(request, header, cancellationToken).ConfigureAwait(false);
        }
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw Messages.NB4011_RegistryAuthenticationFailed.Exception(Registry, request.Repository, request.Step, status,
                RegistryAuthenticator.AccessOf(request.Scopes));
        }
        return response;
    }

    private async Task<HttpResponseMessage> SendWithRetryAsync(Request request, AuthenticationHeaderValue? header, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var policy = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? error = null;
            try
            {
                response = await SendOnceAsync(request, header, cancellationToken).ConfigureAwait(false);
                if (!RetryPolicy.IsTransient(response.StatusCode)) return response;
            }
            catch (Exception e) when (RetryPolicy.IsTransient(e, cancellationToken))
            {
                error = e;
            }

            var delay = policy.DelayFor(attempt, response);
            if (!policy.MayRetry(attempt, clock, delay))
            {
                if (response is not null) return response;
                throw new NotebookSdkException(Messages.NB4010_RegistryUnreachable.Create(Registry, request.Repository, request.Step,
                    Describe(error!), attempt), error);
            }
            _options.Log?.Info($"{Registry}/{request.Repository}: {request.Step} failed ({(response is null ? Describe(error!) : "HTTP " + (int)response.StatusCode)}); retrying in {delay.TotalSeconds:0.#} s.");
            response?.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One request, following redirects by hand so credentials never go to another host.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(Request request, AuthenticationHeaderValue? header, CancellationToken cancellationToken)
    {
        var message = await request.Create(cancellationToken).ConfigureAwait(false);
        var origin = message.RequestUri!;
        message.Headers.Authorization = header;
        for (var hop = 0; ; hop++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Releases the request content (an open blob file); method and URI stay readable.
                message.Dispose();
            }
            var status = (int)response.StatusCode;
            if (!request.FollowRedirects || status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null || hop >= MaxRedirects)
                return response;

            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location);
            response.Dispose();
            message = new HttpRequestMessage(message.Method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get, next);
            // Storage back ends (S3, CDNs) get a signed URL and no registry credential.
            if (next.Scheme == origin.Scheme && next.Authority == origin.Authority) message.Headers.Authorization = header;
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string step, string repository)
    {
        if (response.IsSuccessStatusCode) return;
        var detail = await ReadErrorAsync(response).ConfigureAwait(false);
        throw Messages.NB4012_RegistryRequestFailed.Exception(Registry, repository, step, (int)response.StatusCode, detail);
    }

    /// <summary>The registry's error body (<c>{"errors":[{"code","message"}]}</c>), trimmed; never request headers.</summary>
    private static async Task<string> ReadErrorAsync(HttpResponseMessage response)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return response.ReasonPhrase ?? "no details";
        }
        try
        {
            if (JsonNode.Parse(text)?["errors"] is JsonArray errors && errors.Count > 0)
                return string.Join("; ", errors.OfType<JsonObject>().Select(e => $"{e["code"]?.GetValue<string>()}: {e["message"]?.GetValue<string>()}"));
        }
        catch (JsonException)
        {
        }
        text = text.Trim();
        return text.Length == 0 ? response.ReasonPhrase ?? "no details" : text.Length > 300 ? text[..300] + "..." : text;
    }

    private static string Describe(Exception error) => error switch
    {
        OperationCanceledException => "the request timed out",
        HttpRequestException { InnerException: { } inner } h => h.Message + " " + inner.Message,
        _ => error.Message,
    };
}
