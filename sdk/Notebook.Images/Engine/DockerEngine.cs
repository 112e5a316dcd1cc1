using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Docker.DotNet.Models;
using Docker.DotNet.X509;
using Version = System.Version;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// The one Docker engine client of the SDK, over Docker.DotNet.Enhanced: publish into the engine (load), and
/// containers for kernels and local runs (create, attach, start, wait, kill, remove, list). Every failure a user can
/// meet is an NB409x <see cref="NotebookSdkException"/>.
/// </summary>
public sealed partial class DockerEngine : IDisposable
{
    /// <summary>Docker 20.10's API, the oldest this client is tested against.</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);
    private readonly DockerClient _client;

    /// <param name="endpoint">Where the engine is; <see cref="DockerEndpoint.Resolve()"/> when null.</param>
    /// <param name="requestTimeout">Bound on one request (not on wait or attached streams); 10 minutes when null.</param>
    public DockerEngine(DockerEndpoint? endpoint = null, TimeSpan? requestTimeout = null)
    {
        Endpoint = endpoint ?? DockerEndpoint.Resolve();
        var builder = new DockerClientBuilder().WithEndpoint(Endpoint.Host).WithTimeout(requestTimeout ?? TimeSpan.FromMinutes(10));
        if (Endpoint.Tls is { } tls) builder = builder.WithAuthProvider(Credentials(Endpoint, tls));
        _client = builder.Build();
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>GET /_ping within 10 s; NB4090 (or NB4093 for TLS) when no engine answers.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        await Call("answer a ping", async () =>
        {
            await _client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }, cancellationToken,
        // Whatever answers a ping with an error is not an engine we can use (a TLS port spoken to in plain HTTP, a proxy).
        e => Messages.NB4090_DockerEngineUnreachable.Exception(Endpoint.ToString(), Endpoint.Source, DockerErrors.EngineMessage(e))).ConfigureAwait(false);
    }

    /// <summary>GET /version; NB4096 when the engine's API is older than <see cref="MinimumApiVersion"/>.</summary>
    public async Task<DockerEngineVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var response = await Call("report its version", () => _client.System.GetVersionAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return new DockerEngineVersion(response.Version, CheckApiVersion(Endpoint, response.APIVersion), response.Os, response.Arch);
    }

    /// <summary>The engine's API version ("1.41"); NB4096 when it is older than <see cref="MinimumApiVersion"/> or unreadable.</summary>
    public static Version CheckApiVersion(DockerEndpoint endpoint, string apiVersion)
    {
        if (!Version.TryParse(apiVersion, out var api) || api < MinimumApiVersion)
            throw Messages.NB4096_DockerApiTooOld.Exception(endpoint.ToString(), apiVersion, MinimumApiVersion);
        return api;
    }

    /// <summary>POST /images/load with a docker-archive tar (what 'docker load' sends); NB4098 when refused.</summary>
    public async Task LoadImageAsync(Stream archive, string imageName, CancellationToken cancellationToken = default)
    {
        var progress = new LoadProgress();
        await Call($"load the image '{imageName}'", async () =>
        {
            await _client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, archive, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken, e => Messages.NB4098_DockerImageLoadFailed.Exception(Endpoint.ToString(), imageName, DockerErrors.EngineMessage(e))).ConfigureAwait(false);
        // A failure after the 200 arrives as a message {"error": ..., "errorDetail": ...} in the body.
        if (progress.Error is { } error)
            throw Messages.NB4098_DockerImageLoadFailed.Exception(Endpoint.ToString(), imageName, DockerErrors.Trim(error));
    }

    /// <summary>Creates a container (tty off, stdout and stderr attachable); NB4097 when the image is missing. Returns its id.</summary>
    public async Task<string> CreateContainerAsync(DockerContainerSpec spec, CancellationToken cancellationToken = default)
    {
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Cmd = spec.Command?.ToList()!,
            Entrypoint = spec.Entrypoint?.ToList()!,
            Env = spec.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            User = spec.User ?? "",
            WorkingDir = spec.WorkingDirectory ?? "",
            Labels = new Dictionary<string, string>(spec.Labels),
            Tty = false,
            AttachStdout = true,
            AttachStderr = true,
            AttachStdin = spec.OpenStdin,
            OpenStdin = spec.OpenStdin,
            // As 'docker run -i' does when attached: the container's stdin ends when the attached client closes it.
            StdinOnce = spec.OpenStdin,
            HostConfig = new HostConfig
            {
                Binds = spec.Binds.ToList(),
                NetworkMode = spec.NetworkMode ?? "",
                AutoRemove = spec.AutoRemove,
            },
        };
        if (spec.LoopbackPorts.Count > 0)
        {
            parameters.ExposedPorts = spec.LoopbackPorts.ToDictionary(p => $"{p}/tcp", _ => new EmptyStruct());
            parameters.HostConfig.PortBindings = spec.LoopbackPorts.ToDictionary(p => $"{p}/tcp",
                p => (IList<PortBinding>)[new PortBinding { HostIP = "127.0.0.1", HostPort = p.ToString(System.Globalization.CultureInfo.InvariantCulture) }]);
        }
        var response = await Call($"create a container from '{spec.Image}'", () => _client.Containers.CreateContainerAsync(parameters, cancellationToken), cancellationToken,
            e => e is DockerImageNotFoundException ? Messages.NB4097_DockerImageNotFound.Exception(spec.Image, Endpoint.ToString()) : null).ConfigureAwait(false);
        return response.ID;
    }

    /// <summary>Attaches to stdout and stderr (and stdin when asked); attach before start to see all output.</summary>
    public async Task<DockerAttachment> AttachAsync(string containerId, bool stdin = false, CancellationToken cancellationToken = default)
    {
        var parameters = new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true, Stdin = stdin };
        var stream = await Call($"attach to the container {Short(containerId)}", () => _client.Containers.AttachContainerAsync(containerId, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new DockerAttachment(stream, Endpoint.ToString());
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        await Call($"start the container {Short(containerId)}", () => _client.Containers.StartContainerAsync(containerId, null, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Waits until the container exits and returns its exit code (no time limit: cancel the token to stop waiting).</summary>
    public async Task<long> WaitContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var response = await Call($"wait for the container {Short(containerId)}", () => _client.Containers.WaitContainerAsync(containerId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>
    /// As <see cref="WaitContainerAsync"/>, but null when the container is already gone (an auto-removed container
    /// that exited before the wait reached the engine).
    /// </summary>
    public async Task<long?> TryWaitContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        return await Call<long?>($"wait for the container {Short(containerId)}", async () =>
        {
            try
            {
                return (await _client.Containers.WaitContainerAsync(containerId, cancellationToken).ConfigureAwait(false)).StatusCode;
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a signal ("KILL", "TERM", "INT", ...); false when the container is not running or gone.</summary>
    public async Task<bool> KillContainerAsync(string containerId, string signal = "KILL", CancellationToken cancellationToken = default)
    {
        var gone = false;
        await Call($"send {signal} to the container {Short(containerId)}", async () =>
        {
            try
            {
                await _client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = signal }, cancellationToken).ConfigureAwait(false);
            }
            // 409: not running; 404: no such container. Either way nothing is left to signal (a race with its exit).
            catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                gone = true;
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return !gone;
    }

    /// <summary>Removes the container, running or not, with its anonymous volumes; nothing happens when it is already gone.</summary>
    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        await Call($"remove the container {Short(containerId)}", async () =>
        {
            try
            {
                await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Containers, running or not, that carry every given label (value null: the label with any value).</summary>
    public async Task<IReadOnlyList<DockerContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken cancellationToken = default)
    {
        var filter = labels.ToDictionary(l => l.Value is null ? l.Key : $"{l.Key}={l.Value}", _ => true);
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter },
        };
        var list = await Call("list containers", () => _client.Containers.ListContainersAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        return list.Select(c => new DockerContainerInfo(c.ID, c.Image, c.State, new Dictionary<string, string>(c.Labels ?? new Dictionary<string, string>()))).ToList();
    }

    public void Dispose() => _client.Dispose();

    private Task<T> Call<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken, Func<DockerApiException, NotebookSdkException?>? special = null) =>
        DockerErrors.CallAsync(Endpoint, what, call, cancellationToken, special);

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    /// <summary>
    /// Client certificate when there is one; the server is checked against ca.pem (name and chain), or against the
    /// system roots when there is no ca.pem, or not at all without verification (DOCKER_TLS, SkipTLSVerify).
    /// </summary>
    private static CertificateCredentials Credentials(DockerEndpoint endpoint, DockerTls tls)
    {
        X509Certificate2? certificate = null;
        try
        {
            if (tls.CertFile is not null && tls.KeyFile is not null) certificate = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw Messages.NB4092_DockerTlsFilesMissing.Exception(endpoint.ToString(), endpoint.Source, $"a PEM certificate and key that match in '{tls.CertFile}' and '{tls.KeyFile}' ({e.Message.TrimEnd('.')})");
        }
        var credentials = new CertificateCredentials(certificate);
        if (!tls.Verify)
        {
            credentials.ServerCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (tls.CaFile is not null)
        {
            X509Certificate2 ca;
            try
            {
                ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaFile);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw Messages.NB4092_DockerTlsFilesMissing.Exception(endpoint.ToString(), endpoint.Source, $"a PEM certificate in '{tls.CaFile}' ({e.Message.TrimEnd('.')})");
            }
            credentials.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                // The host name must match; only the chain is checked against ca.pem instead of the system roots.
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return chain.Build(server);
            };
        }
        return credentials;
    }

    /// <summary>Keeps the first error of a load's message stream (Progress&lt;T&gt; would report it later, on the pool).</summary>
    private sealed class LoadProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            if (Error is null && value.Error?.Message is { Length: > 0 } message) Error = message;
        }
    }
}
