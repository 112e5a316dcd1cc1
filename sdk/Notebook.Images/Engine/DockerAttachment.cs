using Docker.DotNet;

namespace Notebook.Images;

/// <summary>Which of a container's streams a chunk came from.</summary>
public enum DockerStream
{
    Stdout,
    Stderr,
}

/// <summary>
/// The streams of an attached container (tty off, so stdout and stderr arrive multiplexed and are told apart),
/// with its stdin when the container was created with <see cref="DockerContainerSpec.OpenStdin"/>.
/// </summary>
public sealed class DockerAttachment : IDisposable
{
    private readonly MultiplexedStream _stream;
    private readonly string _endpoint;
    private readonly byte[] _buffer = new byte[81920];

    internal DockerAttachment(MultiplexedStream stream, string endpoint)
    {
        _stream = stream;
        _endpoint = endpoint;
    }

    /// <summary>The next chunk of output, or null when both streams have ended (the container exited).</summary>
    public async Task<(DockerStream Stream, ReadOnlyMemory<byte> Data)?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await DockerErrors.OnStreamAsync(_endpoint, () => _stream.ReadOutputAsync(_buffer, 0, _buffer.Length, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result.EOF) return null;
            // Stdin never comes back on a multiplexed stream; skip it should an engine send it.
            if (result.Target == MultiplexedStream.TargetStream.StandardIn) continue;
            var data = _buffer.AsMemory(0, result.Count).ToArray();
            return (result.Target == MultiplexedStream.TargetStream.StandardError ? DockerStream.Stderr : DockerStream.Stdout, data);
        }
    }

    /// <summary>Reads until the container's output ends, decoded as UTF-8.</summary>
    public async Task<(string Stdout, string Stderr)> ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
            (chunk.Stream == DockerStream.Stdout ? stdout : stderr).Write(chunk.Data.Span);
        return (System.Text.Encoding.UTF8.GetString(stdout.ToArray()), System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
    }

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var bytes = data.ToArray();
        return DockerErrors.OnStreamAsync(_endpoint, async () =>
        {
            await _stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Ends the container's stdin (it reads end of file); output keeps coming.</summary>
    public void CloseStdin() => _stream.CloseWrite();

    public void Dispose() => _stream.Dispose();
}
