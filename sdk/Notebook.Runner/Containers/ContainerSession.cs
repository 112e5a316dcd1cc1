using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Runner.Containers;

/// <summary>
/// One container run from this process, 'docker run -i --rm' style: created auto-removed, attached before it
/// starts (stdout and stderr copied out live), stdin kept open for as long as this process lives. Closing stdin,
/// on purpose or because this process died, is the container's cue to stop (the runner inside watches it), and
/// the engine removes the container once it exits: no container outlives its client.
/// </summary>
public sealed class ContainerSession : IAsyncDisposable
{
    private readonly DockerEngine _engine;
    private readonly DockerAttachment _attachment;
    private readonly Task _pump;
    private int _disposed;

    private ContainerSession(DockerEngine engine, string id, DockerAttachment attachment, Task<long?> exit, Stream stdout, Stream stderr)
    {
        _engine = engine;
        Id = id;
        _attachment = attachment;
        Exit = exit;
        _pump = PumpAsync(attachment, stdout, stderr);
    }

    public string Id { get; }

    /// <summary>The container's exit code once it has exited; null when it was gone before the wait reached the engine.</summary>
    public Task<long?> Exit { get; }

    /// <summary>Creates, attaches and starts the container, then writes <paramref name="stdinLine"/> (if any) to its stdin.</summary>
    public static async Task<ContainerSession> StartAsync(DockerEngine engine, DockerContainerSpec spec, Stream stdout, Stream stderr,
        ReadOnlyMemory<byte> stdinLine, CancellationToken cancellationToken)
    {
        spec = spec with { OpenStdin = true, AutoRemove = true };
        var id = await engine.CreateContainerAsync(spec, cancellationToken).ConfigureAwait(false);
        DockerAttachment? attachment = null;
        try
        {
            attachment = await engine.AttachAsync(id, stdin: true, cancellationToken).ConfigureAwait(false);
            await engine.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            attachment?.Dispose();
            await RemoveQuietlyAsync(engine, id).ConfigureAwait(false);
            throw;
        }

        // Not bound to the token: the wait lasts as long as the container runs.
        var exit = engine.TryWaitContainerAsync(id, CancellationToken.None);
        var session = new ContainerSession(engine, id, attachment, exit, stdout, stderr);
        if (!stdinLine.IsEmpty)
        {
            try
            {
                await attachment.WriteStdinAsync(stdinLine, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return session;
    }

    /// <summary>Sends a signal ("INT", "TERM", "KILL"); false when the container is no longer running.</summary>
    public async Task<bool> SignalAsync(string signal)
    {
        if (Exit.IsCompleted) return false;
        try
        {
            return await _engine.KillContainerAsync(Id, signal).ConfigureAwait(false);
        }
        catch (NotebookSdkException)
        {
            // The engine refused (the container is on its way out): nothing left to signal.
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; waits (bounded) for the exit.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (await SignalAsync("TERM").ConfigureAwait(false) && await Task.WhenAny(Exit, Task.Delay(grace)).ConfigureAwait(false) != Exit)
            await SignalAsync("KILL").ConfigureAwait(false);
        await Task.WhenAny(Exit, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
    }

    /// <summary>The output copied so far has been written out (after the exit, everything the container printed).</summary>
    public Task OutputDone => _pump;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!Exit.IsCompleted) await SignalAsync("KILL").ConfigureAwait(false);
        await Task.WhenAny(_pump, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        _attachment.Dispose();
        // Auto-removal normally does it; this covers an engine that kept the container (a kill that raced its start).
        await RemoveQuietlyAsync(_engine, Id).ConfigureAwait(false);
    }

    private static async Task PumpAsync(DockerAttachment attachment, Stream stdout, Stream stderr)
    {
        try
        {
            while (await attachment.ReadAsync().ConfigureAwait(false) is { } chunk)
            {
                var target = chunk.Stream == DockerStream.Stdout ? stdout : stderr;
                await target.WriteAsync(chunk.Data).ConfigureAwait(false);
                await target.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NotebookSdkException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream ended with the container or the engine connection; the exit code tells the rest.
        }
    }

    private static async Task RemoveQuietlyAsync(DockerEngine engine, string id)
    {
        try
        {
            await engine.RemoveContainerAsync(id).ConfigureAwait(false);
        }
        catch (NotebookSdkException)
        {
            // "removal already in progress" (auto-removal) or the engine went away.
        }
    }
}
