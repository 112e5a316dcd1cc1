using System.Diagnostics;
using Xunit;

namespace Notebook.Images.Tests.Support;

/// <summary>
/// A private dockerd (Debian docker.io, run as root) on its own unix socket and on plain tcp on 127.0.0.1, with vfs
/// storage, no iptables and no bridge, all state in a temp folder; stopped and removed on dispose.
/// </summary>
public class DockerEngineServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/tmp", "nbd-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _process;

    public string Root => _root;

    public string Socket => Path.Combine(_root, "docker.sock");

    public string DockerHost => "unix://" + Socket;

    public int TcpPort { get; } = RegistryServer.FreePort();

    public string TcpHost => $"tcp://127.0.0.1:{TcpPort}";

    public DockerEndpoint Endpoint => new(new Uri(DockerHost), "test");

    public DockerEndpoint TcpEndpoint => new(new Uri(TcpHost), "test");

    /// <summary>The tcp listener's flags: plain here; a TLS engine adds its certificates.</summary>
    protected virtual IEnumerable<string> TcpArguments() => ["-H", TcpHost];

    protected virtual Task PrepareAsync() => Task.CompletedTask;

    private readonly Lazy<Task<string>> _shellImage;

    public DockerEngineServer() => _shellImage = new(async () =>
    {
        using var engine = new DockerEngine(Endpoint);
        return await ShellImage.LoadAsync(engine);
    });

    /// <summary>The shell image (<see cref="ShellImage"/>), loaded once per engine.</summary>
    public Task<string> ShellImageAsync() => _shellImage.Value;

    public async Task InitializeAsync()
    {
        var binary = Tools.Require("dockerd");
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot())
            throw new InvalidOperationException("The Docker engine tests start their own dockerd and must run as root.");
        Directory.CreateDirectory(_root);
        await PrepareAsync();
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
        {
            "--storage-driver", "vfs", "--iptables=false", "--bridge=none", "-H", DockerHost,
            "--data-root", Path.Combine(_root, "data"), "--exec-root", Path.Combine(_root, "exec"),
            "--pidfile", Path.Combine(_root, "docker.pid"),
        }.Concat(TcpArguments())) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        using var engine = new DockerEngine(Endpoint);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                await engine.PingAsync();
                return;
            }
            catch (Notebook.Diagnostics.NotebookSdkException)
            {
                if (_process.HasExited) break;
                await Task.Delay(200);
            }
        }
        throw new InvalidOperationException("dockerd did not start; install it with: apt-get install docker.io");
    }

    private static bool IsRoot() => File.ReadAllText("/proc/self/status").Split('\n').FirstOrDefault(l => l.StartsWith("Uid:"))?.Split('\t')[1] == "0";

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM lets dockerd stop containerd and unmount its data root; SIGKILL only if it hangs.
            await Tools.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        _process?.Dispose();
        // dockerd leaves its data root and its exec-root's netns/default (nsfs) mounted when it stops: unmount
        // everything under the root, deepest first, or the folder cannot be removed.
        var mounts = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1])
            .Where(m => m.StartsWith(_root + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length).ToList();
        foreach (var mount in mounts) await Tools.RunAsync("umount", ["-l", mount]);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
