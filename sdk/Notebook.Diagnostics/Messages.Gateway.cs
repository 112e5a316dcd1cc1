namespace Notebook.Diagnostics;

// NB514x: kernels on a remote Jupyter Server, Enterprise Gateway or Kernel Gateway (Notebook.Execution, Kernels/Gateway).
// NB528x: nbrun's gateway options (Notebook.Runner). No text ever holds the token.
public static partial class Messages
{
    public static readonly MessageDescriptor NB5140_GatewayUnreachable = new(
        "NB5140", Severity.Error,
        "The Jupyter gateway at '{0}' could not be reached: {1}. Check the URL and that the server runs and is reachable from here, for example '--gateway-url http://gateway.example.com:8888' or JUPYTER_GATEWAY_URL=http://gateway.example.com:8888. No cell was run.");

    public static readonly MessageDescriptor NB5141_GatewayTokenRefused = new(
        "NB5141", Severity.Error,
        "The Jupyter gateway at '{0}' refused the request (HTTP {1}): its token is missing or wrong. Set JUPYTER_GATEWAY_AUTH_TOKEN to the server's token, for example 'export JUPYTER_GATEWAY_AUTH_TOKEN=\"$(cat /var/run/secrets/gateway-token)\"'. No cell was run.");

    public static readonly MessageDescriptor NB5142_GatewayKernelNotFound = new(
        "NB5142", Severity.Error,
        "The Jupyter gateway at '{0}' has no kernel named '{1}'; it offers: {2}. Choose one of them, for example '--kernel {3}', or set metadata.kernelspec.name of the notebook. No cell was run.");

    public static readonly MessageDescriptor NB5143_GatewayKernelStartFailed = new(
        "NB5143", Severity.Error,
        "The Jupyter gateway at '{0}' could not start the kernel '{1}': {2}. Look in the gateway's log for the kernel's start-up error; for Enterprise Gateway check the KERNEL_* values, for example '--gateway-env KERNEL_IMAGE=python:3.12-slim'. No cell was run.");

    public static readonly MessageDescriptor NB5144_GatewayKernelNotReady = new(
        "NB5144", Severity.Error,
        "The kernel '{0}' that the gateway at '{1}' started (id {2}) did not become ready within {3}: {4}. The kernel was deleted and no cell was run. Give it more time, for example '--start-timeout 5m' (a kernel in a new container or pod can take minutes), or check the gateway's log.");

    public static readonly MessageDescriptor NB5145_GatewayNotJupyter = new(
        "NB5145", Severity.Error,
        "The server at '{0}' did not answer as a Jupyter Server or gateway: {1}. Point the gateway URL at the server's base URL, with its base path if it has one, for example '--gateway-url http://gateway.example.com:8888' or '--gateway-url https://hub.example.com/user/ada'. No cell was run.");

    public static readonly MessageDescriptor NB5146_GatewayKernelNotDeleted = new(
        "NB5146", Severity.Warning,
        "The kernel {0} could not be deleted from the gateway at '{1}': {2}. It may still be running there; delete it, for example with 'curl -X DELETE -H \"Authorization: token $JUPYTER_GATEWAY_AUTH_TOKEN\" {1}/api/kernels/{0}', or let the server cull idle kernels ('--MappingKernelManager.cull_idle_timeout=600').");

    public static readonly MessageDescriptor NB5280_InvalidGatewayUrl = new(
        "NB5280", Severity.Error,
        "'{0}' (from {1}) is not a gateway URL; give an absolute http or https URL without a token in it, for example '--gateway-url https://gateway.example.com:8888', and the token in JUPYTER_GATEWAY_AUTH_TOKEN. Nothing was run.");

    public static readonly MessageDescriptor NB5281_InvalidGatewayEnvironment = new(
        "NB5281", Severity.Error,
        "'{0}' is not NAME=VALUE for --gateway-env; the name is letters, digits and underscores, for example '--gateway-env KERNEL_IMAGE=python:3.12-slim'. Nothing was run.");

    public static readonly MessageDescriptor NB5282_GatewayEnvironmentWithoutGateway = new(
        "NB5282", Severity.Error,
        "--gateway-env was given, but no gateway: the kernel would run here and ignore it. Name the gateway, for example '--gateway-url http://gateway.example.com:8888' or JUPYTER_GATEWAY_URL, or drop --gateway-env. Nothing was run.");

    public static readonly MessageDescriptor NB5283_GatewayTokenInClear = new(
        "NB5283", Severity.Warning,
        "The gateway token goes over plain http to '{0}', which is not this machine: anyone on the network path can read it, and the notebook's secret parameters too. Use https, for example '--gateway-url https://{1}'.");
}
