using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Execution.Messaging;

namespace Notebook.Execution.Kernels.Gateway;

/// <summary>
/// Kernels on a Jupyter Server, Enterprise Gateway or Kernel Gateway (jupyter_server's GatewayKernelManager):
/// the kernelspec is checked against <c>GET /api/kernelspecs</c>, the kernel started with <c>POST /api/kernels</c>
/// (<c>{"name", "env"}</c>), its channels websocket opened and kernel_info answered before it is handed out. From the
/// moment the gateway gave it an id, every failure and cancellation deletes it again.
/// </summary>
public sealed class GatewayKernelProvisioner(GatewayOptions options) : IKernelProvisioner
{
    private const string LegacyPythonName = "python";
    private const string NativePythonName = "python3";

    public GatewayOptions Options => options;

    public async Task<IKernel> StartAsync(string kernelName, KernelClientOptions kernelOptions, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var client = new GatewayClient(options);
        GatewayKernel? kernel = null;
        string? id = null;
        try
        {
            var spec = await FindSpecAsync(client, kernelName, cancellationToken).ConfigureAwait(false);
            // Not cancelled by the caller: a kernel the gateway starts after we stopped listening would be left there.
            // The caller's cancellation is honoured as soon as the gateway has answered, by deleting the kernel.
            id = await StartKernelAsync(client, spec.Name, BuildEnvironment(kernelOptions), kernelOptions.StartupTimeout).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var session = new JupyterSession("", Guid.NewGuid().ToString("N"));
            var socket = new ClientWebSocket();
            if (!string.IsNullOrEmpty(options.Token))
            {
                socket.Options.SetRequestHeader("Authorization", "token " + options.Token);
            }

            kernel = new GatewayKernel(client, kernelOptions, id, spec.Name, spec.DisplayName, spec.Language, socket, session);
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(Remaining(kernelOptions.StartupTimeout, clock));
            try
            {
                await socket.ConnectAsync(client.ChannelsUri(id, session.SessionId), startup.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw NotReady(spec.Name, id, kernelOptions, $"its websocket could not be opened ({e.Message})", e);
            }

            kernel.StartLoops();
            try
            {
                await kernel.WaitForReadyAsync(Remaining(kernelOptions.StartupTimeout, clock), startup.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or KernelDiedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw NotReady(spec.Name, id, kernelOptions, e.Message, e);
            }

            return kernel;
        }
        catch
        {
            if (kernel is not null)
            {
                await kernel.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                if (id is not null)
                {
                    await DeleteQuietlyAsync(client, id).ConfigureAwait(false);
                }

                client.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The start request's <c>env</c>: <see cref="GatewayOptions.Environment"/>, then the run's kernel environment
    /// (secret parameters; a null value removes a variable).
    /// </summary>
    public JsonObject BuildEnvironment(KernelClientOptions kernelOptions)
    {
        var merged = new SortedDictionary<string, string>(options.Environment.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in kernelOptions.Launch.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value;
            }
        }

        var env = new JsonObject();
        foreach (var (name, value) in merged)
        {
            env[name] = value;
        }

        return env;
    }

    private sealed record GatewaySpec(string Name, string DisplayName, string Language);

    private async Task<GatewaySpec> FindSpecAsync(GatewayClient client, string kernelName, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("api/kernelspecs", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess || response.Body?["kernelspecs"] is not JsonObject specs)
        {
            throw Messages.NB5145_GatewayNotJupyter.Exception(options.DisplayUrl, $"GET api/kernelspecs gave {response.ErrorText}");
        }

        var name = specs.ContainsKey(kernelName) ? kernelName
            : kernelName == LegacyPythonName && specs.ContainsKey(NativePythonName) ? NativePythonName
            : null;
        if (name is null)
        {
            var offered = specs.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            var suggestion = response.Body?["default"]?.ToString() is { Length: > 0 } d ? d : offered.FirstOrDefault() ?? NativePythonName;
            throw Messages.NB5142_GatewayKernelNotFound.Exception(options.DisplayUrl, kernelName,
                offered.Count == 0 ? "(none)" : string.Join(", ", offered), suggestion);
        }

        var spec = specs[name]?["spec"] as JsonObject;
        return new GatewaySpec(name, spec?["display_name"]?.ToString() ?? name, spec?["language"]?.ToString() ?? "");
    }

    private async Task<string> StartKernelAsync(GatewayClient client, string name, JsonObject env, TimeSpan timeout)
    {
        var body = new JsonObject { ["name"] = name, ["env"] = env };
        GatewayResponse response;
        try
        {
            response = await client.PostAsync("api/kernels", body, CancellationToken.None, timeout).ConfigureAwait(false);
        }
        catch (NotebookSdkException e) when (e.Code == Messages.NB5140_GatewayUnreachable.Code)
        {
            throw Messages.NB5143_GatewayKernelStartFailed.Exception(options.DisplayUrl, name, e.Diagnostic.Message);
        }

        if (!response.IsSuccess || (response.Body as JsonObject)?["id"]?.ToString() is not { Length: > 0 } id)
        {
            throw Messages.NB5143_GatewayKernelStartFailed.Exception(options.DisplayUrl, name,
                response.IsSuccess ? "its answer had no kernel id" : response.ErrorText);
        }

        return id;
    }

    private NotebookSdkException NotReady(string name, string id, KernelClientOptions kernelOptions, string reason, Exception inner) =>
        new(Messages.NB5144_GatewayKernelNotReady.Create(name, options.DisplayUrl, id, Durations.Format(kernelOptions.StartupTimeout), reason), inner);

    private async Task DeleteQuietlyAsync(GatewayClient client, string id)
    {
        try
        {
            var response = await client.DeleteAsync($"api/kernels/{id}", CancellationToken.None).ConfigureAwait(false);
            if (!response.IsSuccess && response.Status != System.Net.HttpStatusCode.NotFound)
            {
                options.Warning?.Invoke(Messages.NB5146_GatewayKernelNotDeleted.Create(id, options.DisplayUrl, response.ErrorText));
            }
        }
        catch (NotebookSdkException e)
        {
            options.Warning?.Invoke(Messages.NB5146_GatewayKernelNotDeleted.Create(id, options.DisplayUrl, e.Diagnostic.Message));
        }
    }

    private static TimeSpan Remaining(TimeSpan limit, Stopwatch clock)
    {
        var left = limit - clock.Elapsed;
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }
}
