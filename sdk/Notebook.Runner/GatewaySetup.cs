using System.Collections;
using System.Net;
using Notebook.Diagnostics;
using Notebook.Execution.Kernels;
using Notebook.Execution.Kernels.Gateway;

namespace Notebook.Runner;

/// <summary>
/// nbrun's gateway options as jupyter_server's own gateway client reads them: the URL from <c>--gateway-url</c>, else
/// <c>JUPYTER_GATEWAY_URL</c>; the token only from <c>JUPYTER_GATEWAY_AUTH_TOKEN</c> (a command-line token would show in
/// the process list); the start request's <c>env</c> from every <c>KERNEL_*</c> variable of nbrun's environment, then
/// <c>--gateway-env</c>, then the run's secret parameters.
/// </summary>
public static class GatewaySetup
{
    public const string KernelVariablePrefix = "KERNEL_";

    /// <summary><c>--gateway-env NAME=VALUE</c>; NB5281 when it is not that.</summary>
    public static KeyValuePair<string, string> ParseVariable(string text)
    {
        var equals = text.IndexOf('=');
        var name = equals > 0 ? text[..equals] : "";
        if (name.Length == 0 || char.IsDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw Messages.NB5281_InvalidGatewayEnvironment.Exception(text);
        }

        return new(name, text[(equals + 1)..]);
    }

    /// <summary>Checks the options before anything is written: NB5280 for a bad URL, NB5282 for --gateway-env without a gateway.</summary>
    public static void Check(RunnerOptions options, Func<string, string?> getEnvironmentVariable) =>
        Url(options, getEnvironmentVariable);

    /// <summary>The gateway provisioner, or null for a local kernel.</summary>
    public static IKernelProvisioner? CreateProvisioner(RunnerOptions options, Func<string, string?> getEnvironmentVariable, Action<Diagnostic> warn) =>
        CreateProvisioner(options, getEnvironmentVariable, Environment.GetEnvironmentVariables(), warn);

    public static GatewayKernelProvisioner? CreateProvisioner(
        RunnerOptions options, Func<string, string?> getEnvironmentVariable, IDictionary processEnvironment, Action<Diagnostic> warn)
    {
        if (Url(options, getEnvironmentVariable) is not { } url)
        {
            return null;
        }

        var token = getEnvironmentVariable(GatewayOptions.TokenVariable);
        if (!string.IsNullOrEmpty(token) && url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            warn(Messages.NB5283_GatewayTokenInClear.Create(GatewayOptions.SafeUrl(url), url.Authority));
        }

        return new GatewayKernelProvisioner(new GatewayOptions
        {
            Url = url,
            Token = string.IsNullOrEmpty(token) ? null : token,
            Environment = KernelEnvironment(options, processEnvironment),
            Warning = warn,
        });
    }

    /// <summary>Every <c>KERNEL_*</c> variable of nbrun's environment (as jupyter_server's gateway client sends them), then <c>--gateway-env</c>.</summary>
    public static IReadOnlyDictionary<string, string> KernelEnvironment(RunnerOptions options, IDictionary processEnvironment)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in processEnvironment)
        {
            if (entry.Key is string name && name.StartsWith(KernelVariablePrefix, StringComparison.Ordinal) && entry.Value is string value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in options.GatewayEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static Uri? Url(RunnerOptions options, Func<string, string?> getEnvironmentVariable)
    {
        var (text, source) = options.GatewayUrl is { } given
            ? (given, "--gateway-url")
            : (getEnvironmentVariable(GatewayOptions.UrlVariable), GatewayOptions.UrlVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (options.GatewayEnvironment.Count > 0)
            {
                throw Messages.NB5282_GatewayEnvironmentWithoutGateway.Exception();
            }

            return null;
        }

        // A token in the URL (?token=, user:password@) would be shown wherever the URL is: refused, never echoed.
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Query.Length > 0 || url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            var shown = url is not null ? GatewayOptions.SafeUrl(url) : text.Trim().Split('?')[0];
            shown = shown[(shown.LastIndexOf('@') + 1)..] + (text.Contains('?') || text.Contains('@') ? " (its query or user info left out here)" : "");
            throw Messages.NB5280_InvalidGatewayUrl.Exception(shown, source);
        }

        return url;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
