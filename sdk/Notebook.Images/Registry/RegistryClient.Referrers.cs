using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Images;

// The calls OCI artifacts need on top of image push and pull: HEAD of a manifest (a subject's descriptor) and
// the referrers API of distribution-spec 1.1.
public sealed partial class RegistryClient
{
    /// <summary>
    /// HEAD of a manifest: its descriptor (media type, digest, size) without the body, or null when the registry has
    /// none by that reference. A registry that leaves out a header is answered by a GET instead.
    /// </summary>
    public async Task<Descriptor?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        const string step = "looking up the manifest";
        using (var response = await SendAsync(new Request(step, repository, Scopes(repository, false), _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Head, Url($"v2/{repository}/manifests/{reference}"));
            foreach (var type in MediaTypes.ManifestAccept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, FollowRedirects: true), cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            await EnsureSuccessAsync(response, step, repository).ConfigureAwait(false);
            var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var size = response.Content.Headers.ContentLength;
            if (Digests.IsValid(digest) && (MediaTypes.IsManifest(mediaType) || MediaTypes.IsIndex(mediaType)) && size is > 0
                && (!Digests.IsValid(reference) || reference == digest))
                return new Descriptor(mediaType!, digest!, size.Value);
        }
        var manifest = await TryGetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        return manifest is null ? null : new Descriptor(manifest.MediaType, manifest.Digest, manifest.Bytes.Length);
    }

    /// <summary>
    /// <c>GET /v2/NAME/referrers/DIGEST</c>: the image index of the manifests whose subject is <paramref name="digest"/>,
    /// or null when the registry has no referrers API (404; the caller then reads the <c>sha256-HEX</c> tag).
    /// </summary>
    public async Task<ManifestResponse?> GetReferrersAsync(string repository, string digest, string? artifactType = null,
        CancellationToken cancellationToken = default)
    {
        var step = "listing the referrers of " + digest;
        var query = artifactType is null ? "" : "?artifactType=" + Uri.EscapeDataString(artifactType);
        using var response = await SendAsync(new Request(step, repository, Scopes(repository, false), _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url($"v2/{repository}/referrers/{digest}{query}"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciIndex));
            return request;
        }, FollowRedirects: true), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, step, repository).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (JsonNode.Parse(bytes)?["manifests"] is not JsonArray)
                throw Messages.NB4019_InvalidImageContent.Exception($"{Registry}/{repository}@{digest}", "referrers list", "it has no manifests array");
        }
        catch (JsonException)
        {
            throw Messages.NB4019_InvalidImageContent.Exception($"{Registry}/{repository}@{digest}", "referrers list", "it is not JSON");
        }
        return new ManifestResponse(MediaTypes.OciIndex, bytes, Digests.Compute(bytes));
    }
}
