using System.Diagnostics;
using System.Text;

namespace Notebook.E2E;

/// <summary>
/// A private dockerd (Debian docker.io 20.10, run as root) on its own unix socket: vfs storage (works in any
/// container), no iptables, no bridge (containers run with --network none), all state under a short /tmp
/// folder (unix socket paths are limited to about 108 bytes). Stopped with SIGTERM; mounts left under its
/// folder are unmounted before the folder is removed. It can make or join a Docker Swarm on a loopback address
/// (127.0.0.1, 127.0.0.2, ...: one machine, several nodes); on dispose it leaves the swarm and removes the
/// docker_gwbridge network the swarm made.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    public const string InstallHint = "apt-get install docker.io (the test command installs it through eng/prerequisites.sh)";

    private readonly StringBuilder _log = new();
    private Process? _process;

    private DockerDaemon(string root) => Root = root;

    public string Root { get; }

    public string Socket => Path.Combine(Root, "docker.sock");

    public string DockerHost => "unix://" + Socket;

    /// <summary>The docker CLI's environment for this engine. The Debian daemon speaks API 1.41; a newer client must not ask for more.</summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = DockerHost,
        ["DOCKER_API_VERSION"] = "1.41",
        ["DOCKER_CONFIG"] = Path.Combine(Root, "client"),
        ["DOCKER_CLI_HINTS"] = "false",
    };

    /// <summary>ADDRESS:PORT this engine's swarm node listens on; null when it is in no swarm.</summary>
    public string? SwarmAddress { get; private set; }

    /// <summary>
    /// 'docker swarm init' on ADDRESS and a free port; returns the worker join token. Services need no bridge here:
    /// with --bridge=none a task has only lo, or the host's network with --network host.
    /// </summary>
    public async Task<string> InitSwarmAsync(string address = "127.0.0.1", CancellationToken cancellationToken = default)
    {
        var listen = $"{address}:{LocalRegistry.FreePort(System.Net.IPAddress.Parse(address))}";
        await DockerCheckedAsync(["swarm", "init", "--advertise-addr", address, "--listen-addr", listen], TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        SwarmAddress = listen;
        return (await DockerCheckedAsync(["swarm", "join-token", "-q", "worker"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <summary>'docker swarm join' as a worker of the manager at <paramref name="managerAddress"/>, listening on ADDRESS and a free port.</summary>
    public async Task JoinSwarmAsync(string managerAddress, string token, string address, CancellationToken cancellationToken = default)
    {
        var listen = $"{address}:{LocalRegistry.FreePort(System.Net.IPAddress.Parse(address))}";
        await DockerCheckedAsync(["swarm", "join", "--token", token, "--advertise-addr", address, "--listen-addr", listen, managerAddress], TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        SwarmAddress = listen;
    }

    /// <summary>Leaves the swarm (forced: a manager alone) and removes the docker_gwbridge network 'swarm init' or 'join' made.</summary>
    public async Task LeaveSwarmAsync()
    {
        if (SwarmAddress is null) return;
        await DockerAsync(["swarm", "leave", "--force"], TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        await DockerAsync(["network", "rm", "docker_gwbridge"], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        SwarmAddress = null;
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static async Task<DockerDaemon> StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var dockerd = Command.Require("dockerd", InstallHint);
        Command.Require("docker", "the docker CLI (/usr/local/bin/docker, or apt-get install docker.io)");
        if (!IsRoot()) throw new InvalidOperationException("The end-to-end tests start their own dockerd and must run as root.");
        var daemon = new DockerDaemon(Path.Combine("/tmp", "nbe2e-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(daemon.Root);
        Directory.CreateDirectory(Path.Combine(daemon.Root, "client"));
        var info = new ProcessStartInfo(dockerd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
        {
            "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none", "-H", daemon.DockerHost,
            "--data-root", Path.Combine(daemon.Root, "data"), "--exec-root", Path.Combine(daemon.Root, "exec"),
            "--pidfile", Path.Combine(daemon.Root, "docker.pid"),
        }) info.ArgumentList.Add(a);
        daemon._process = new Process { StartInfo = info };
        daemon._process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        daemon._process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        daemon._process.Start();
        daemon._process.BeginErrorReadLine();
        daemon._process.BeginOutputReadLine();

        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (clock.Elapsed < limit)
        {
            if (daemon._process.HasExited) break;
            var version = await daemon.DockerAsync(["version", "--format", "{{.Server.Version}}"], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (version.ExitCode == 0) return daemon;
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        var log = daemon.Log;
        await daemon.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"dockerd did not answer on {daemon.DockerHost} within {limit}. Its log:\n{Tail(log)}\nInstall: {InstallHint}");
    }

    /// <summary>Runs the docker CLI against this engine.</summary>
    public Task<CommandResult> DockerAsync(IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Command.RunAsync("docker", args, timeout, new Dictionary<string, string?>(ClientEnvironment), cancellationToken: cancellationToken);

    public async Task<string> DockerCheckedAsync(IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var result = await DockerAsync(list, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', list)} exited {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await LeaveSwarmAsync().ConfigureAwait(false);
            // SIGTERM lets dockerd stop its containers and containerd and unmount; SIGKILL only if it hangs.
            await Command.RunAsync("kill", ["-TERM", _process.Id.ToString()], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        _process?.Dispose();
        await BaseImageBuilder.UnmountUnderAsync(Root).ConfigureAwait(false);
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;

    private static bool IsRoot() =>
        File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[1] == "0";
}
