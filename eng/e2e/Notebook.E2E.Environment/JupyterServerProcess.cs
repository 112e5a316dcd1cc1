using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Notebook.E2E;

/// <summary>
/// Debian's jupyter_server (1.23: the kernel REST API and channels websocket that Enterprise Gateway and Kernel Gateway
/// serve too) on a free 127.0.0.1 port with a random token, its config, data and runtime folders in a temp folder so
/// that no user or machine config changes it. Start-up checks that it listens on loopback only. Stopped by its PID on
/// dispose.
/// </summary>
public sealed class JupyterServerProcess : IAsyncDisposable
{
    public const string InstallHint = "apt-get install python3-jupyter-server python3-ipykernel";

    private readonly StringBuilder _log = new();
    private Process? _process;

    private JupyterServerProcess(string directory, int port, string token)
    {
        Directory = directory;
        Port = port;
        Token = token;
    }

    /// <summary>The temp folder: <c>root/</c> is the server's root_dir, <c>config/</c>, <c>data/</c>, <c>runtime/</c> its own.</summary>
    public string Directory { get; }

    public int Port { get; }

    public string Token { get; }

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static async Task<JupyterServerProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) throw new InvalidOperationException($"{python} is missing. Install: {InstallHint}");
        var server = new JupyterServerProcess(System.IO.Directory.CreateTempSubdirectory("nbe2e-jupyter-").FullName,
            LocalRegistry.FreePort(), Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        var root = System.IO.Directory.CreateDirectory(Path.Combine(server.Directory, "root")).FullName;
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var arg in new[]
                 {
                     "-m", "jupyter_server", "--ServerApp.ip=127.0.0.1", $"--ServerApp.port={server.Port}",
                     "--ServerApp.port_retries=0", $"--ServerApp.token={server.Token}", "--ServerApp.open_browser=False",
                     $"--ServerApp.root_dir={root}", "--ServerApp.password=", "--ServerApp.allow_remote_access=False",
                     // Test machines and containers often run as root; the server refuses that unless told.
                     "--ServerApp.allow_root=True",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        // Only this server's folders: no ~/.jupyter config, no user kernelspecs, no leftover runtime files.
        foreach (var (name, folder) in new[] { ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython") })
        {
            info.Environment[name] = System.IO.Directory.CreateDirectory(Path.Combine(server.Directory, folder)).FullName;
        }

        info.Environment.Remove("JUPYTER_PATH");
        info.Environment.Remove("JUPYTER_CONFIG_PATH");
        info.Environment["JUPYTER_PLATFORM_DIRS"] = "0";
        server._process = new Process { StartInfo = info };
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.Start();
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();

        try
        {
            await server.WaitUntilUpAsync(cancellationToken).ConfigureAwait(false);
            server.CheckLoopbackOnly();
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An HTTP client that sends this server's token.</summary>
    public HttpClient CreateClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", Token);
        return http;
    }

    /// <summary>The ids of the kernels the server runs now (<c>GET /api/kernels</c>).</summary>
    public async Task<IReadOnlyList<string>> KernelIdsAsync()
    {
        using var http = CreateClient();
        var kernels = JsonNode.Parse(await http.GetStringAsync("api/kernels").ConfigureAwait(false))!.AsArray();
        return kernels.Select(k => k!["id"]!.GetValue<string>()).ToList();
    }

    /// <summary>Deletes every kernel the server runs (a test that failed half-way must not leak into the next).</summary>
    public async Task DeleteAllKernelsAsync()
    {
        using var http = CreateClient();
        foreach (var id in await KernelIdsAsync().ConfigureAwait(false))
        {
            using var _ = await http.DeleteAsync($"api/kernels/{id}").ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await DeleteAllKernelsAsync().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
            {
            }

            // The server's kernels are its children: a kill of the tree leaves none.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _process?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task WaitUntilUpAsync(CancellationToken cancellationToken)
    {
        using var http = CreateClient();
        http.Timeout = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !_process!.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("api/status", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"jupyter_server did not answer GET /api/status on {Url}. Its log:\n{Log}\nInstall: {InstallHint}");
    }

    /// <summary>The server's listening sockets on its port are all 127.0.0.1 (/proc/net/tcp and tcp6 of this machine).</summary>
    private void CheckLoopbackOnly()
    {
        var port = Port.ToString("X4", CultureInfo.InvariantCulture);
        var listening = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
                if (fields.Length > 3 && fields[3] == "0A" && fields[1].EndsWith(":" + port, StringComparison.Ordinal)) listening.Add(fields[1]);
            }
        }

        if (listening.Count == 0 || listening.Any(a => a != $"0100007F:{port}"))
        {
            throw new InvalidOperationException($"jupyter_server on port {Port} listens on {string.Join(", ", listening.DefaultIfEmpty("nothing"))}, not only on 127.0.0.1.");
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
