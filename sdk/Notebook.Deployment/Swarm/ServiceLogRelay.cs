using System.Text;
using Notebook.Images;

namespace Notebook.Deployment.Swarm;

/// <summary>
/// Relays a one-task service's output line by line as it comes. swarmkit keeps a followed log stream open after
/// the job ends, so the follower is cancelled once the task has ended and the rest is read without following:
/// both list the task's lines in the same order, so the lines already shown (counted per stream) are skipped.
/// </summary>
internal sealed class ServiceLogRelay(DockerEngine engine, string serviceId, ISwarmRunOutput output)
{
    private readonly int[] _shown = new int[2];
    private readonly MemoryStream[] _partial = [new(), new()];
    private readonly object _lock = new();

    /// <summary>Follows until cancelled; a broken stream ends it quietly (the catch-up reads what is left).</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var logs = await engine.GetServiceLogsAsync(serviceId, follow: true, cancellationToken).ConfigureAwait(false);
            while (await logs.ReadAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
            {
                lock (_lock) Feed(chunk.Stream, chunk.Data.Span);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Diagnostics.NotebookSdkException)
        {
            // The manager dropped the stream (a restart, the service removed): CatchUpAsync reads the rest.
        }
    }

    /// <summary>Reads the whole log of the ended task and shows the lines the follower had not.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var logs = await engine.GetServiceLogsAsync(serviceId, follow: false, cancellationToken).ConfigureAwait(false);
        var all = new[] { new MemoryStream(), new MemoryStream() };
        while (await logs.ReadAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
            all[(int)chunk.Stream].Write(chunk.Data.Span);
        lock (_lock)
        {
            for (var s = 0; s < 2; s++)
            {
                var lines = SplitLines(all[s].ToArray());
                for (var i = _shown[s]; i < lines.Count; i++) output.Line((DockerStream)s, lines[i]);
                _shown[s] = Math.Max(_shown[s], lines.Count);
                _partial[s].SetLength(0);
            }
        }
    }

    private void Feed(DockerStream stream, ReadOnlySpan<byte> data)
    {
        var s = (int)stream;
        var buffer = _partial[s];
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                output.Line(stream, Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
                _shown[s]++;
                buffer.SetLength(0);
            }
            else
            {
                buffer.WriteByte(b);
            }
        }
    }

    internal static List<string> SplitLines(byte[] bytes)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n') continue;
            lines.Add(Decode(bytes.AsSpan(start, i - start)));
            start = i + 1;
        }
        if (start < bytes.Length) lines.Add(Decode(bytes.AsSpan(start)));
        return lines;
    }

    private static string Decode(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line).TrimEnd('\r');
}
