using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>TLS material for a tcp endpoint: files that exist (null when absent) and whether the server is verified.</summary>
public sealed record DockerTls(string Directory, string? CaFile, string? CertFile, string? KeyFile, bool Verify);

/// <summary>
/// Where the Docker engine is, found as the docker CLI finds it: <c>DOCKER_HOST</c> (with <c>DOCKER_TLS_VERIFY</c>,
/// <c>DOCKER_TLS</c> and <c>DOCKER_CERT_PATH</c>), else the context named by <c>DOCKER_CONTEXT</c> or by
/// <c>currentContext</c> in <c>$DOCKER_CONFIG/config.json</c>, else <c>unix:///var/run/docker.sock</c>.
/// </summary>
/// <param name="Host">unix:///PATH or tcp://HOST:PORT (http/https are accepted too).</param>
/// <param name="Source">Where the host came from, for messages: "DOCKER_HOST", "context 'x' (DOCKER_CONTEXT)", "default".</param>
public sealed record DockerEndpoint(Uri Host, string Source, DockerTls? Tls = null)
{
    public const string DefaultHost = "unix:///var/run/docker.sock";

    // docker/cli opts/hosts.go: DefaultHTTPPort and DefaultTLSHTTPPort.
    private const int PlainPort = 2375;
    private const int TlsPort = 2376;

    public override string ToString() => Host.IsUnixSocket() ? "unix://" + Host.AbsolutePath : Host.ToString().TrimEnd('/');

    /// <summary>Resolves the endpoint from the process environment.</summary>
    public static DockerEndpoint Resolve() => Resolve(Environment.GetEnvironmentVariable);

    /// <summary>Resolves the endpoint from the given environment (tests pass a dictionary's lookup).</summary>
    public static DockerEndpoint Resolve(Func<string, string?> environment)
    {
        var configDirectory = environment("DOCKER_CONFIG") is { Length: > 0 } dir ? dir : Path.Combine(Home(environment), ".docker");
        var settings = new CliSettings(environment, configDirectory);

        if (environment("DOCKER_HOST") is { Length: > 0 } rawHost)
        {
            var tls = EnvironmentTls(environment, configDirectory, rawHost);
            var host = ParseHost(rawHost, "DOCKER_HOST", tls is not null);
            return new DockerEndpoint(host, "DOCKER_HOST", host.IsUnixSocket() ? null : tls);
        }

        var (context, contextSource) = CurrentContext(environment, configDirectory);
        if (context is null || context.Length == 0 || context == "default")
            return new DockerEndpoint(new Uri(DefaultHost), context is null ? "default" : $"context 'default' ({contextSource})");

        var source = $"context '{context}' ({contextSource})";
        Uri contextHost;
        try
        {
            // The library reads contexts/meta/<sha256 of name>/meta.json as the CLI does.
            contextHost = new DockerConfig(settings).GetEndpoint(context);
        }
        catch (DockerConfigurationException e) when (e.InnerException is DirectoryNotFoundException or FileNotFoundException)
        {
            throw Messages.NB4094_DockerContextNotFound.Exception(context, contextSource, Path.Combine(configDirectory, "contexts", "meta"));
        }
        catch (DockerConfigurationException e)
        {
            throw Messages.NB4095_DockerConfigUnreadable.Exception(ContextMetaFile(configDirectory, context), Reason(e));
        }
        var contextTls = ContextTls(configDirectory, context);
        var parsed = ParseHost(contextHost.OriginalString, source, contextTls is not null);
        return new DockerEndpoint(parsed, source, parsed.IsUnixSocket() ? null : contextTls);
    }

    /// <summary>
    /// DOCKER_TLS_VERIFY or DOCKER_TLS set to anything non-empty turns TLS on, as in the docker CLI (even "0");
    /// verify checks the server against ca.pem (or the system roots when there is none).
    /// </summary>
    private static DockerTls? EnvironmentTls(Func<string, string?> environment, string configDirectory, string host)
    {
        var verify = !string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY"));
        if (!verify && string.IsNullOrEmpty(environment("DOCKER_TLS"))) return null;
        var certPath = environment("DOCKER_CERT_PATH");
        var explicitPath = !string.IsNullOrEmpty(certPath);
        var directory = explicitPath ? certPath! : configDirectory;
        if (!Directory.Exists(directory))
            throw Messages.NB4092_DockerTlsFilesMissing.Exception(host, "DOCKER_HOST", $"the folder '{directory}'" + (explicitPath ? " (DOCKER_CERT_PATH)" : " (DOCKER_CERT_PATH is not set)"));
        return TlsFiles(directory, verify, host, "DOCKER_HOST");
    }

    /// <summary>A context's TLS files live in contexts/tls/&lt;sha256 of name&gt;/docker/; SkipTLSVerify is in its meta.json.</summary>
    private static DockerTls? ContextTls(string configDirectory, string context)
    {
        var directory = Path.Combine(configDirectory, "contexts", "tls", Sha256(context), "docker");
        var skipVerify = false;
        try
        {
            using var meta = JsonDocument.Parse(File.ReadAllBytes(ContextMetaFile(configDirectory, context)));
            skipVerify = meta.RootElement.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var docker)
                && docker.TryGetProperty("SkipTLSVerify", out var skip) && skip.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Messages.NB4095_DockerConfigUnreadable.Exception(ContextMetaFile(configDirectory, context), e.Message);
        }
        if (!Directory.Exists(directory)) return skipVerify ? new DockerTls(directory, null, null, null, Verify: false) : null;
        return TlsFiles(directory, !skipVerify, context, $"context '{context}'");
    }

    private static DockerTls TlsFiles(string directory, bool verify, string host, string source)
    {
        string? Existing(string name) => File.Exists(Path.Combine(directory, name)) ? Path.Combine(directory, name) : null;
        var ca = Existing("ca.pem");
        var cert = Existing("cert.pem");
        var key = Existing("key.pem");
        // The CLI leaves out files that are missing; half a client pair is always a mistake.
        if (cert is null != key is null)
            throw Messages.NB4092_DockerTlsFilesMissing.Exception(host, source, $"'{Path.Combine(directory, cert is null ? "cert.pem" : "key.pem")}' beside '{cert ?? key}'");
        return new DockerTls(directory, ca, cert, key, verify);
    }

    private static (string? Name, string Source) CurrentContext(Func<string, string?> environment, string configDirectory)
    {
        if (environment("DOCKER_CONTEXT") is { Length: > 0 } named) return (named, "DOCKER_CONTEXT");
        var file = Path.Combine(configDirectory, "config.json");
        if (!File.Exists(file)) return (null, "default");
        try
        {
            using var config = JsonDocument.Parse(File.ReadAllBytes(file));
            var name = config.RootElement.ValueKind == JsonValueKind.Object && config.RootElement.TryGetProperty("currentContext", out var current)
                && current.ValueKind == JsonValueKind.String ? current.GetString() : null;
            return (name, $"currentContext in {file}");
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw Messages.NB4095_DockerConfigUnreadable.Exception(file, e.Message);
        }
    }

    /// <summary>
    /// docker/cli's parseDockerDaemonHost: no scheme means tcp; tcp without a port gets 2375, or 2376 with TLS.
    /// ssh, fd and npipe (on Linux) are refused with a code instead of the library's exceptions.
    /// </summary>
    internal static Uri ParseHost(string value, string source, bool tls)
    {
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "tcp://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            throw Messages.NB4091_UnsupportedDockerEndpoint.Exception(value, source, "it is not a URL");
        switch (uri.Scheme)
        {
            case "unix":
                if (uri.AbsolutePath is "" or "/")
                    throw Messages.NB4091_UnsupportedDockerEndpoint.Exception(value, source, "it names no socket path");
                return uri;
            case "tcp" or "http" or "https":
                if (uri.Host.Length == 0)
                    throw Messages.NB4091_UnsupportedDockerEndpoint.Exception(value, source, "it names no host");
                return WithDefaultPort(uri, tls || uri.Scheme == "https");
            case "ssh":
                throw Messages.NB4091_UnsupportedDockerEndpoint.Exception(value, source, "ssh:// endpoints are not supported");
            default:
                throw Messages.NB4091_UnsupportedDockerEndpoint.Exception(value, source, $"the scheme '{uri.Scheme}' is not supported");
        }
    }

    private static Uri WithDefaultPort(Uri uri, bool tls)
    {
        if (uri.Scheme != "tcp" || !uri.IsDefaultPort && uri.Port > 0) return uri;
        return new UriBuilder(uri) { Port = tls ? TlsPort : PlainPort }.Uri;
    }

    private static string ContextMetaFile(string configDirectory, string context) =>
        Path.Combine(configDirectory, "contexts", "meta", Sha256(context), "meta.json");

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Home(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string Reason(Exception e) => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;

    /// <summary>The library's view of the CLI settings, over the given environment.</summary>
    private sealed class CliSettings(Func<string, string?> environment, string configDirectory) : IDockerCliSettings
    {
        public string? DockerConfig => configDirectory;

        // The host is resolved here (ParseHost); the library is asked only about contexts.
        public string? DockerHost => null;

        public string? DockerTlsVerify => environment("DOCKER_TLS_VERIFY");

        public string? DockerContext => environment("DOCKER_CONTEXT");
    }
}

internal static class UriExtensions
{
    public static bool IsUnixSocket(this Uri uri) => uri.Scheme == "unix";
}
