namespace Notebook.Images;

/// <summary>
/// A user name and secret for one registry. Username "&lt;token&gt;" means the secret is an identity
/// (refresh) token (docker-credential-helpers). ToString never shows the secret.
/// </summary>
public sealed record RegistryCredential(string Username, string Secret)
{
    public const string IdentityTokenUsername = "<token>";

    public bool IsIdentityToken => Username == IdentityTokenUsername;

    public override string ToString() => $"RegistryCredential {{ Username = {Username}, Secret = *** }}";
}

/// <summary>Finds the credential for a registry, or null for anonymous access.</summary>
public interface ICredentialProvider
{
    Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken);
}

/// <summary>A fixed credential map (tests, and callers that resolved credentials themselves).</summary>
public sealed class StaticCredentialProvider(IReadOnlyDictionary<string, RegistryCredential> credentials) : ICredentialProvider
{
    public static StaticCredentialProvider Anonymous { get; } = new(new Dictionary<string, RegistryCredential>());

    public Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken) =>
        Task.FromResult(credentials.TryGetValue(registry, out var c) ? c : null);
}
