using System.Runtime.InteropServices;
using Notebook.Diagnostics;
using Notebook.Execution.Kernels;

namespace Notebook.Runner.Containers;

/// <summary>
/// <c>nbrun kernel --connection-from-stdin</c>, the image side of a container kernel. It reads the connection
/// information the host's launcher writes as the first line of stdin, writes it to a connection file of its own
/// (0600, owned by the image's user: a file mounted from the host would be root's, or rewritten by ipykernel),
/// starts the image's kernel in a process group of its own, and supervises it: SIGINT interrupts it, SIGTERM,
/// SIGHUP or the end of stdin (the launcher gone) stop it, orphans are reaped when this is PID 1, and the kernel's
/// exit code becomes this process's.
/// </summary>
public sealed class KernelSupervisor(TextWriter stderr, Func<string, string?> getEnvironmentVariable)
{
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    public async Task<int> RunAsync(ContainerCommandOptions options, Stream stdin)
    {
        using var signals = new ForwardedSignals();
        using var reader = new StreamReader(stdin, System.Text.Encoding.UTF8);
        var connection = await ReadConnectionAsync(reader, signals).ConfigureAwait(false);
        if (connection is null) return ExitCodes.Terminated;
        if (options.ListenAll) connection = connection.WithIp("0.0.0.0");

        var spec = new KernelSpecFinder(KernelSpecFinder.DefaultDataDirectories(getEnvironmentVariable)).Find(options.Kernel ?? "python3");
        await using var kernel = await KernelProcess.StartAsync(spec, new KernelLaunchOptions
        {
            Connection = connection,
            WorkingDirectory = Environment.CurrentDirectory,
            OutputEcho = line =>
            {
                lock (stderr) stderr.WriteLine(line);
            },
        }, CancellationToken.None).ConfigureAwait(false);
        using var reaper = OrphanReaper.StartIfInit(kernel.IsOwnChild);
        signals.Interrupted += () => kernel.Signal(ProcessSignals.SigInt);

        // The rest of stdin is never data; its end means the launcher (and so the client) is gone.
        var stdinEnded = Task.Run(async () =>
        {
            var buffer = new char[256];
            while (await reader.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        });
        var done = await Task.WhenAny(kernel.Exited, signals.Terminated, stdinEnded).ConfigureAwait(false);
        if (done != kernel.Exited)
        {
            kernel.Signal(ProcessSignals.SigTerm);
            if (!await kernel.WaitForExitAsync(StopGrace).ConfigureAwait(false)) await kernel.KillTreeAsync().ConfigureAwait(false);
            return done == signals.Terminated ? 128 + SignalNumber(signals.Terminated.Result) : ExitCodes.Terminated;
        }

        return kernel.ExitCode ?? ExitCodes.Kernel;
    }

    private static async Task<ConnectionInfo?> ReadConnectionAsync(StreamReader reader, ForwardedSignals signals)
    {
        var read = reader.ReadLineAsync();
        var done = await Task.WhenAny(read, signals.Terminated, Task.Delay(ConnectionTimeout)).ConfigureAwait(false);
        if (done == signals.Terminated) return null;
        if (done != read) throw Messages.NB5151_KernelConnectionNotOnStdin.Exception($"nothing came within {ConnectionTimeout.TotalSeconds:0} s");
        var line = await read.ConfigureAwait(false);
        if (line is null) throw Messages.NB5151_KernelConnectionNotOnStdin.Exception("stdin ended first");
        if (!ConnectionInfo.TryParse(line, out var connection, out var problem))
            throw Messages.NB5151_KernelConnectionNotOnStdin.Exception("the first line is not a connection file: " + problem);
        return connection;
    }

    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        _ => 15,
    };
}
