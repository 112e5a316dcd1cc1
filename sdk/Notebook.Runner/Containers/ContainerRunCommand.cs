using System.Runtime.InteropServices;
using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Runner.Containers;

/// <summary>
/// <c>nbrun container --image IMAGE [--volume HOST:CONTAINER] -- RUNNER-ARGUMENTS</c>: local mode
/// (<c>dotnet run -p:NotebookRunIn=Container</c>). Runs the image's runner with the arguments, output shown live,
/// SIGINT and SIGTERM handed to the runner inside (which writes what it has and exits 130 or 143), the runner's
/// exit code returned, the container removed. The container runs as the host user on Linux, so what it writes
/// into the mounted output folder is the user's.
/// </summary>
public sealed class ContainerRunCommand(Stream stdout, Stream stderr)
{
    /// <summary>The runner inside stops as on SIGTERM when its stdin ends: this process is gone.</summary>
    public const string StdinLifelineVariable = "NBRUN_STDIN_LIFELINE";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(ContainerCommandOptions options)
    {
        var binds = new List<string>();
        foreach (var volume in options.Volumes)
        {
            var colon = volume.IndexOf(':', volume.Length > 2 && volume[1] == ':' ? 2 : 0);
            if (colon <= 0) throw Messages.NB5230_ContainerCommandUsage.Exception($"'--volume {volume}' is not HOST-FOLDER:CONTAINER-FOLDER");
            var host = Path.GetFullPath(volume[..colon]);
            Directory.CreateDirectory(host);
            binds.Add(host + volume[colon..]);
        }

        var spec = new DockerContainerSpec
        {
            Image = options.Image!,
            Entrypoint = options.Entrypoint is null ? null : [options.Entrypoint],
            Command = options.RunnerArguments,
            Binds = binds,
            NetworkMode = options.Network,
            User = options.User ?? HostUser(),
            Environment = [.. options.Environment, new(StdinLifelineVariable, "1")],
            Labels = new Dictionary<string, string> { ["dev.notebook-sdk.run"] = options.Image! },
        };

        using var signals = new ForwardedSignals();
        using var engine = new DockerEngine();
        await using var session = await ContainerSession.StartAsync(engine, spec, stdout, stderr, ReadOnlyMemory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
        var interrupts = 0;
        signals.Interrupted += () => _ = session.SignalAsync(Interlocked.Increment(ref interrupts) == 1 ? "INT" : "KILL");

        var done = await Task.WhenAny(session.Exit, signals.Terminated).ConfigureAwait(false);
        if (done != session.Exit) await session.StopAsync(StopGrace).ConfigureAwait(false);
        await Task.WhenAny(session.OutputDone, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        var code = session.Exit.IsCompleted ? await session.Exit.ConfigureAwait(false) : null;
        return code is { } c ? (int)Math.Clamp(c, 0, 255) : done == session.Exit ? ExitCodes.Kernel : ExitCodes.Terminated;
    }

    /// <summary>"uid:gid" of this process on Linux; null elsewhere (Docker Desktop maps shared folders to the image's user).</summary>
    public static string? HostUser() => OperatingSystem.IsLinux() ? $"{getuid()}:{getgid()}" : null;

    [DllImport("libc")]
    private static extern uint getuid();

    [DllImport("libc")]
    private static extern uint getgid();
}
