using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>Settings of a <see cref="RegistryClient"/>; every one has a working default.</summary>
public sealed record RegistryClientOptions
{
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Default: <see cref="DockerCredentialProvider"/> over the process environment.</summary>
    public ICredentialProvider? Credentials { get; init; }

    /// <summary>Environment lookup for DOTNET_CONTAINER_INSECURE_REGISTRIES and credentials; the process environment by default.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Time allowed for one request until its response headers arrive.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Progress and retry notes (never secrets).</summary>
    public IDiagnosticLog? Log { get; init; }

    /// <summary>A test seam: the handler under the client's HttpClient. Redirects must not be followed by it.</summary>
    public HttpMessageHandler? Handler { get; init; }
}

/// <summary>What a push did with each blob, and the digest it published.</summary>
public sealed record PushResult(string Repository, string ManifestDigest, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Uploaded, IReadOnlyList<string> Mounted, IReadOnlyList<string> Skipped);

/// <summary>A manifest or index as the registry served it.</summary>
public sealed record ManifestResponse(string MediaType, byte[] Bytes, string Digest);

/// <summary>What a manifest PUT answered: the digest, and the <c>OCI-Subject</c> header when the registry indexed a subject.</summary>
public sealed record ManifestPutResult(string Digest, string? OciSubject);
