using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Notebook.Images.Tests.Support;

/// <summary>
/// A real Debian docker-registry (distribution 2.8) on a free 127.0.0.1 port with storage in a temp folder;
/// optionally behind htpasswd Basic auth or token auth. Stopped and deleted on dispose.
/// </summary>
public class RegistryServer : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("nbreg");
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    public int Port { get; private set; }

    /// <summary>host:port, e.g. 127.0.0.1:35871.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string Directory => _dir.Path;

    protected virtual string? AuthSection() => null;

    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task InitializeAsync()
    {
        var binary = Tools.Require("docker-registry");
        await PrepareAsync();
        Port = FreePort();
        var config = $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {_dir.Combine("data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{Port}
              secret: notebook-sdk-tests
            {AuthSection() ?? ""}
            """;
        var configPath = _dir.Combine("config.yml");
        await File.WriteAllTextAsync(configPath, config);
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(configPath);
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited) break;
            try
            {
                using var response = await http.GetAsync($"http://{Host}/v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"docker-registry did not start on {Host}. Log:\n{Log}\nInstall: {Tools.InstallHint}");
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public virtual Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client for this registry with fast retries (tests).</summary>
    public virtual RegistryClient CreateClient(ICredentialProvider? credentials = null, Notebook.Diagnostics.IDiagnosticLog? log = null) =>
        new(Host, new RegistryClientOptions
        {
            Credentials = credentials ?? StaticCredentialProvider.Anonymous,
            Retry = TestRetry,
            Log = log,
        });

    public static RetryPolicy TestRetry { get; } = new() { MaxAttempts = 4, InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(400), MaxTotalTime = TimeSpan.FromSeconds(30) };
}

/// <summary>The same registry behind htpasswd Basic auth (user 'user', password <see cref="Password"/>).</summary>
public sealed class BasicAuthRegistryServer : RegistryServer
{
    public const string User = "user";
    public const string Password = "s3cr3t-Pa55word-xyz";

    protected override async Task PrepareAsync()
    {
        var htpasswd = await Tools.RunCheckedAsync("htpasswd", "-Bbn", User, Password);
        await File.WriteAllTextAsync(System.IO.Path.Combine(Directory, "htpasswd"), htpasswd);
    }

    protected override string AuthSection() => $"""
        auth:
          htpasswd:
            realm: notebook-tests
            path: {System.IO.Path.Combine(Directory, "htpasswd")}
        """;

    public static StaticCredentialProvider Credentials(string host, string password = Password) =>
        new(new Dictionary<string, RegistryCredential> { [host] = new(User, password) });
}
