using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Answers a registry's 401 challenge (distribution spec, docker token auth): Basic with the registry's
/// credential, or Bearer with a token from the realm (anonymous, Basic, or an identity token via OAuth2
/// refresh_token), cached per scope set. Secrets only ever go into Authorization headers.
/// </summary>
internal sealed class RegistryAuthenticator(RegistryEndpoint endpoint, ICredentialProvider credentials, HttpClient http)
{
    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> _headers = new();
    private AuthenticationHeaderValue? _basic;
    private RegistryCredential? _credential;
    private bool _credentialLoaded;

    public AuthenticationHeaderValue? Cached(IReadOnlyList<string> scopes) =>
        _basic ?? _headers.GetValueOrDefault(ScopeKey(scopes));

    /// <summary>Null when the challenge cannot be answered (no credential for Basic).</summary>
    public async Task<AuthenticationHeaderValue?> AuthenticateAsync(AuthChallenge? challenge, IReadOnlyList<string> scopes,
        string repository, string step, CancellationToken cancellationToken)
    {
        if (challenge is null) return null;
        var credential = await GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        if (challenge.IsBasic)
        {
            if (credential is null || credential.IsIdentityToken) return null;
            return _basic = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Secret)));
        }
        if (!challenge.IsBearer || challenge.Realm is null) return null;

        var token = await RequestTokenAsync(challenge, scopes, credential, repository, step, cancellationToken).ConfigureAwait(false);
        var header = new AuthenticationHeaderValue("Bearer", token);
        _headers[ScopeKey(scopes)] = header;
        return header;
    }

    private async Task<RegistryCredential?> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (_credentialLoaded) return _credential;
        _credential = await credentials.GetCredentialAsync(endpoint.Registry, cancellationToken).ConfigureAwait(false);
        _credentialLoaded = true;
        return _credential;
    }

    private async Task<string> RequestTokenAsync(AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredential? credential,
        string repository, string step, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm)
            || realm.Scheme != Uri.UriSchemeHttps && !(realm.Scheme == Uri.UriSchemeHttp && (endpoint.IsInsecure || RegistryEndpoint.IsLoopback(realm.Authority))))
            throw Messages.NB4012_RegistryRequestFailed.Exception(endpoint.Registry, repository, step, 401,
                $"the token realm '{challenge.Realm}' is not an absolute https URL");

        var query = new List<string>();
        if (challenge.Service is { } service) query.Add("service=" + Uri.EscapeDataString(service));
        foreach (var scope in scopes) query.Add("scope=" + Uri.EscapeDataString(scope));

        HttpRequestMessage request;
        if (credential is { IsIdentityToken: true })
        {
            // OAuth2 refresh-token grant (docker token spec, "oauth.md") for identity tokens.
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", credential.Secret),
                new("client_id", "notebook-sdk"),
            };
            if (challenge.Service is { } s) form.Add(new("service", s));
            if (scopes.Count > 0) form.Add(new("scope", string.Join(' ', scopes)));
            request = new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        }
        else
        {
            var builder = new UriBuilder(realm);
            var existing = builder.Query.TrimStart('?');
            builder.Query = string.Join('&', new[] { existing }.Where(q => q.Length > 0).Concat(query));
            request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
            if (credential is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Secret)));
        }

        using (request)
        using (var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw Messages.NB4011_RegistryAuthenticationFailed.Exception(endpoint.Registry, repository, step, (int)response.StatusCode, AccessOf(scopes));
            if (!response.IsSuccessStatusCode)
                throw Messages.NB4012_RegistryRequestFailed.Exception(endpoint.Registry, repository, step, (int)response.StatusCode,
                    $"the token service at {realm.GetLeftPart(UriPartial.Path)} refused to issue a token");
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var doc = JsonDocument.Parse(body);
                foreach (var name in new[] { "token", "access_token" })
                    if (doc.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } token)
                        return token;
            }
            catch (JsonException)
            {
            }
            throw Messages.NB4012_RegistryRequestFailed.Exception(endpoint.Registry, repository, step, (int)response.StatusCode,
                "the token service answered without a 'token' or 'access_token'");
        }
    }

    internal static string AccessOf(IReadOnlyList<string> scopes) =>
        scopes.Count > 0 && scopes[0].EndsWith("push", StringComparison.Ordinal) ? "push to" : "pull from";

    private static string ScopeKey(IReadOnlyList<string> scopes) => string.Join(' ', scopes);
}
