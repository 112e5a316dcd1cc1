using System.Net;

namespace Notebook.Images;

/// <summary>
/// Where a registry's API answers. HTTPS always, except plain HTTP for loopback hosts (127.0.0.0/8, ::1,
/// localhost) and for hosts listed in DOTNET_CONTAINER_INSECURE_REGISTRIES (the .NET SDK's variable:
/// names separated by ';' or ',', compared with their port).
/// </summary>
public sealed record RegistryEndpoint(string Registry, Uri BaseUri)
{
    public const string InsecureRegistriesVariable = "DOTNET_CONTAINER_INSECURE_REGISTRIES";

    public string ApiHost => BaseUri.Authority;

    public bool IsInsecure => BaseUri.Scheme == Uri.UriSchemeHttp;

    public static RegistryEndpoint For(string registry, Func<string, string?>? environment = null)
    {
        var apiHost = registry == ImageReference.DockerHubRegistry ? ImageReference.DockerHubApiHost : registry;
        var scheme = IsLoopback(apiHost) || IsListedInsecure(registry, environment ?? Environment.GetEnvironmentVariable) ? "http" : "https";
        return new RegistryEndpoint(registry, new Uri($"{scheme}://{apiHost}/"));
    }

    public static bool IsLoopback(string hostAndPort)
    {
        var host = HostOf(hostAndPort);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    private static bool IsListedInsecure(string registry, Func<string, string?> environment) =>
        (environment(InsecureRegistriesVariable) ?? "")
            .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(r => r.Equals(registry, StringComparison.OrdinalIgnoreCase));

    private static string HostOf(string hostAndPort)
    {
        if (hostAndPort.StartsWith('['))
        {
            var end = hostAndPort.IndexOf(']');
            return end > 0 ? hostAndPort[1..end] : hostAndPort;
        }
        var colon = hostAndPort.LastIndexOf(':');
        return colon >= 0 && hostAndPort.IndexOf(':') == colon ? hostAndPort[..colon] : hostAndPort;
    }
}
