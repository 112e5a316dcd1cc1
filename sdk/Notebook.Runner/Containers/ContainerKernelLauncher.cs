using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Execution.Kernels;
using Notebook.Images;

namespace Notebook.Runner.Containers;

/// <summary>
/// <c>nbrun kernel --image IMAGE -f CONNECTION_FILE</c>, the host side of a container kernel and the argv of the
/// kernelspec <c>InstallNotebookKernel</c> writes. A Jupyter client (JupyterLab, nbconvert, nbrun) starts it as it
/// would start ipykernel. It runs the image with the runner's kernel supervisor inside, on the host's network (the
/// kernel binds the very ports the client chose) or on a bridge network with those ports published on 127.0.0.1,
/// hands the connection information over on the container's stdin, copies the kernel's output out, turns SIGINT
/// into an interrupt, and stops the container when it gets SIGTERM or SIGHUP or when its client is gone. If this
/// process is killed outright, the container's stdin ends and the supervisor stops the kernel; the engine removes
/// the container.
/// </summary>
public sealed class ContainerKernelLauncher(Stream stdout, Stream stderr, TextWriter messages, Func<string, string?> getEnvironmentVariable)
{
    public const string KernelLabel = "dev.notebook-sdk.kernel";
    public const string LauncherLabel = "dev.notebook-sdk.launcher";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public async Task<int> RunAsync(ContainerCommandOptions options)
    {
        var file = options.ConnectionFile!;
        string json;
        try
        {
            json = await File.ReadAllTextAsync(file).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB5150_KernelConnectionUnreadable.Exception(file, e.Message);
        }

        if (!ConnectionInfo.TryParse(json, out var connection, out var problem)) throw Messages.NB5150_KernelConnectionUnreadable.Exception(file, problem);
        var bridge = !string.Equals(options.Network, "host", StringComparison.Ordinal);
        var command = new List<string> { "kernel", "--connection-from-stdin" };
        if (options.Kernel is not null) command.AddRange(["--kernel", options.Kernel]);
        if (bridge) command.Add("--listen-all");
        var spec = new DockerContainerSpec
        {
            Image = options.Image!,
            Entrypoint = options.Entrypoint is null ? null : [options.Entrypoint],
            Command = command,
            NetworkMode = options.Network,
            LoopbackPorts = bridge ? [connection!.ShellPort, connection.IopubPort, connection.StdinPort, connection.ControlPort, connection.HbPort] : [],
            Labels = new Dictionary<string, string>
            {
                [KernelLabel] = options.Image!,
                [LauncherLabel] = $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
            },
        };

        using var signals = new ForwardedSignals();
        using var engine = new DockerEngine();
        using var stopWatching = new CancellationTokenSource();
        // One line of compact JSON; it holds the key, so it goes to the container's stdin only, never to a log.
        var line = Encoding.UTF8.GetBytes(JsonNode.Parse(json)!.ToJsonString() + "\n");
        await using var session = await ContainerSession.StartAsync(engine, spec, stdout, stderr, line, CancellationToken.None).ConfigureAwait(false);
        signals.Interrupted += () => _ = session.SignalAsync("INT");
        var clientGone = ParentWatcher.WatchAsync(getEnvironmentVariable("JPY_PARENT_PID"), stopWatching.Token);

        var done = await Task.WhenAny(session.Exit, signals.Terminated, clientGone).ConfigureAwait(false);
        await stopWatching.CancelAsync().ConfigureAwait(false);
        if (done != session.Exit)
        {
            await session.StopAsync(StopGrace).ConfigureAwait(false);
            await messages.WriteLineAsync(Messages.NB5153_KernelContainerStopped.Create(session.Id[..12],
                done == clientGone ? "its Jupyter client is gone" : "asked to stop by a signal").ToString()).ConfigureAwait(false);
            return ExitCodes.Terminated;
        }

        await Task.WhenAny(session.OutputDone, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        var code = await session.Exit.ConfigureAwait(false);
        // 0: the kernel shut down when asked. Anything else its client reports as a dead kernel; this says why.
        if (code is not 0)
            await messages.WriteLineAsync(Messages.NB5152_KernelContainerExited.Create(options.Image, code?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
                code is null ? " (it was removed before its exit code could be read)" : "").ToString()).ConfigureAwait(false);
        return code is { } c ? (int)Math.Clamp(c, 0, 255) : ExitCodes.Kernel;
    }
}
