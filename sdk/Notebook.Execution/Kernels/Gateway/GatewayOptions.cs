using Notebook.Diagnostics;

namespace Notebook.Execution.Kernels.Gateway;

/// <summary>
/// Where the gateway is and how to talk to it. A class, not a record: a record's generated <c>ToString</c> would print
/// the token.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The environment variables jupyter_server's own gateway client reads.</summary>
    public const string UrlVariable = "JUPYTER_GATEWAY_URL";

    public const string TokenVariable = "JUPYTER_GATEWAY_AUTH_TOKEN";

    /// <summary>The server's base URL (http or https; a base path such as <c>/user/ada</c> is kept).</summary>
    public required Uri Url { get; init; }

    /// <summary>Sent as <c>Authorization: token T</c>; null or empty: no header.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// Variables for the start request's <c>env</c> (Enterprise Gateway reads <c>KERNEL_IMAGE</c>, <c>KERNEL_CPUS</c>,
    /// <c>KERNEL_MEMORY</c>, <c>KERNEL_USERNAME</c>, ...). The kernel environment of the run (secret parameters) is added.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How often <c>GET /api/kernels/{id}</c> asks whether the kernel is still there.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest one REST request may take (the start request is bounded by the start-up timeout instead).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the gateway may fail to answer the liveness poll before the kernel counts as lost.</summary>
    public TimeSpan UnreachableLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where warnings go (a kernel that could not be deleted); null: nowhere.</summary>
    public Action<Diagnostic>? Warning { get; init; }

    /// <summary>The URL as messages show it: no user info, no query (a <c>?token=</c> never reaches an output).</summary>
    public string DisplayUrl => SafeUrl(Url);

    public static string SafeUrl(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped).TrimEnd('/');
}
