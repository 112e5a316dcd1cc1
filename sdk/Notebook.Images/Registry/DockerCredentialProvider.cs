using System.Text;
using System.Text.Json;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Credentials the way docker and the .NET SDK find them: first DOTNET_CONTAINER_REGISTRY_UNAME/_PWORD
/// (legacy SDK_CONTAINER_REGISTRY_UNAME/_PWORD; when set, the Docker config is not read), then the Docker
/// config (<c>$DOCKER_CONFIG/config.json</c>, default <c>~/.docker/config.json</c>): <c>credHelpers[host]</c>,
/// <c>credsStore</c>, <c>auths[host]</c> (<c>auth</c> = base64 user:pass, or <c>identitytoken</c>).
/// </summary>
public sealed class DockerCredentialProvider : ICredentialProvider
{
    public const string UserVariable = "DOTNET_CONTAINER_REGISTRY_UNAME";
    public const string PasswordVariable = "DOTNET_CONTAINER_REGISTRY_PWORD";
    public const string LegacyUserVariable = "SDK_CONTAINER_REGISTRY_UNAME";
    public const string LegacyPasswordVariable = "SDK_CONTAINER_REGISTRY_PWORD";

    /// <summary>The key docker login uses for Docker Hub.</summary>
    public const string DockerHubServerUrl = "https://index.docker.io/v1/";

    private readonly Func<string, string?> _environment;
    private readonly Func<string, CredentialHelper> _helperFactory;

    public DockerCredentialProvider(Func<string, string?>? environment = null, string? configPath = null, Func<string, CredentialHelper>? helperFactory = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        ConfigPath = configPath ?? DefaultConfigPath(_environment);
        _helperFactory = helperFactory ?? (name => new CredentialHelper(name));
    }

    public string ConfigPath { get; }

    public static string DefaultConfigPath(Func<string, string?> environment)
    {
        var dir = environment("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            dir = Path.Combine(home, ".docker");
        }
        return Path.Combine(dir, "config.json");
    }

    public async Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken)
    {
        var user = _environment(UserVariable) ?? _environment(LegacyUserVariable);
        var password = _environment(PasswordVariable) ?? _environment(LegacyPasswordVariable);
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password)) return new RegistryCredential(user, password);

        if (!File.Exists(ConfigPath)) return null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(await File.ReadAllBytesAsync(ConfigPath, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException e)
        {
            throw Messages.NB4018_DockerConfigInvalid.Exception(ConfigPath, $"line {e.LineNumber + 1}: not valid JSON");
        }

        using (doc)
        {
            var root = doc.RootElement;
            var isHub = registry is ImageReference.DockerHubRegistry or ImageReference.DockerHubApiHost or "index.docker.io";
            var keys = isHub ? new[] { DockerHubServerUrl, "index.docker.io", "docker.io", "registry-1.docker.io" } : [registry];

            if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object)
                foreach (var property in helpers.EnumerateObject())
                    if (Matches(property.Name, keys) && property.Value.GetString() is { Length: > 0 } helper)
                        return await _helperFactory(helper).GetAsync(isHub ? DockerHubServerUrl : registry, ConfigPath, cancellationToken).ConfigureAwait(false);

            if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName)
            {
                var credential = await _helperFactory(storeName).GetAsync(isHub ? DockerHubServerUrl : registry, ConfigPath, cancellationToken).ConfigureAwait(false);
                if (credential is not null) return credential;
            }

            if (root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
                foreach (var property in auths.EnumerateObject())
                    if (Matches(property.Name, keys))
                        return ReadAuth(property.Value);
        }
        return null;
    }

    private RegistryCredential? ReadAuth(JsonElement entry)
    {
        if (entry.TryGetProperty("identitytoken", out var token) && token.GetString() is { Length: > 0 } identity)
            return new RegistryCredential(RegistryCredential.IdentityTokenUsername, identity);
        if (!entry.TryGetProperty("auth", out var auth) || auth.GetString() is not { Length: > 0 } encoded) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw Messages.NB4018_DockerConfigInvalid.Exception(ConfigPath, "an 'auth' value is not base64 of user:password");
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0) throw Messages.NB4018_DockerConfigInvalid.Exception(ConfigPath, "an 'auth' value is not base64 of user:password");
        return new RegistryCredential(decoded[..colon], decoded[(colon + 1)..]);
    }

    /// <summary>Keys may be bare hosts or URLs ('https://host/v1/'); compare the host[:port] part.</summary>
    private static bool Matches(string key, string[] candidates)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        return candidates.Any(c => string.Equals(c, key, StringComparison.OrdinalIgnoreCase) || string.Equals(c, host, StringComparison.OrdinalIgnoreCase));
    }
}
