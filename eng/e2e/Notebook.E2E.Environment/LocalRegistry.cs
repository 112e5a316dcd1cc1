using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Notebook.E2E;

/// <summary>
/// A Debian docker-registry (distribution 2.8) on a free 127.0.0.1 port, storage in a temp folder; loopback
/// registries are plain HTTP for both the SDK and dockerd. Stopped and removed on dispose.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    public const string InstallHint = "apt-get install docker-registry";

    private readonly StringBuilder _log = new();
    private Process? _process;

    private LocalRegistry(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>127.0.0.1:PORT</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static async Task<LocalRegistry> StartAsync(CancellationToken cancellationToken = default)
    {
        var binary = Command.Require("docker-registry", InstallHint);
        var registry = new LocalRegistry(System.IO.Directory.CreateTempSubdirectory("nbe2e-registry-").FullName, FreePort());
        var configPath = Path.Combine(registry.Directory, "config.yml");
        await File.WriteAllTextAsync(configPath, $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(registry.Directory, "data")}
            http:
              addr: {registry.Host}
              secret: notebook-sdk-e2e
            """, cancellationToken).ConfigureAwait(false);
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(configPath);
        registry._process = new Process { StartInfo = info };
        registry._process.OutputDataReceived += (_, e) => registry.Append(e.Data);
        registry._process.ErrorDataReceived += (_, e) => registry.Append(e.Data);
        registry._process.Start();
        registry._process.BeginErrorReadLine();
        registry._process.BeginOutputReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !registry._process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"http://{registry.Host}/v2/", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK) return registry;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        var log = registry.Log;
        await registry.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"docker-registry did not start on {registry.Host}. Its log:\n{log}\nInstall: {InstallHint}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        _process?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>A loopback port that was free a moment ago (for services these tools start); 127.0.0.1 unless another address is given.</summary>
    public static int FreePort(IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
