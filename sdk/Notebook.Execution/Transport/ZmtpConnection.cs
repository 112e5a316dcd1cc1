using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Notebook.Execution.Transport;

/// <summary>
/// One ZMTP 3.x connection (RFC 23 / RFC 37) with the NULL mechanism, acting as a DEALER, SUB or REQ peer.
/// A reading loop feeds <see cref="Incoming"/>; when the peer closes or breaks the protocol the channel
/// completes with a <see cref="ZmtpException"/>, so readers never hang on a dead socket.
/// </summary>
public sealed class ZmtpConnection : IAsyncDisposable
{
    private const long MaxFrameSize = 1L << 30;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<byte[][]> _incoming = Channel.CreateUnbounded<byte[][]>(new() { SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;
    private int _disposed;

    private ZmtpConnection(Socket socket, ZmtpSocketType type)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        SocketType = type;
    }

    public ZmtpSocketType SocketType { get; }

    /// <summary>Whole messages from the peer (frames in order; REQ replies without their empty delimiter).</summary>
    public ChannelReader<byte[][]> Incoming => _incoming.Reader;

    /// <summary>Completes when the reading loop ends (peer closed, protocol error or disposal).</summary>
    public Task Completion => _incoming.Reader.Completion;

    /// <summary>
    /// Connects, retrying while the port refuses (the kernel binds a moment after it starts), then does the
    /// greeting and READY handshake. The whole operation is bounded by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ZmtpConnection> ConnectAsync(
        string host, int port, ZmtpSocketType type, byte[]? identity, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : (await Dns.GetHostAddressesAsync(host, deadline.Token)).First();
        ZmtpConnection? connection = null;
        try
        {
            var socket = await ConnectSocketAsync(new IPEndPoint(address, port), deadline.Token);
            connection = new ZmtpConnection(socket, type);
            await connection.HandshakeAsync(identity ?? [], deadline.Token);
            connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
            if (type == ZmtpSocketType.Sub)
            {
                // Subscribe to every topic: the 3.0 style message frame 0x01 + topic, which libzmq accepts from 3.1 peers too.
                await connection.WriteFramesAsync([new byte[] { 0x01 }], deadline.Token);
            }

            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw new TimeoutException($"No ZMTP peer answered on {host}:{port} within {timeout.TotalSeconds:0.#} s.");
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Sends one multipart message. REQ sockets put the empty delimiter frame first (RFC 28).</summary>
    public Task SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken)
    {
        if (SocketType == ZmtpSocketType.Sub)
        {
            throw new InvalidOperationException("A SUB socket does not send messages.");
        }

        if (SocketType == ZmtpSocketType.Req)
        {
            var withDelimiter = new List<ReadOnlyMemory<byte>>(frames.Count + 1) { ReadOnlyMemory<byte>.Empty };
            withDelimiter.AddRange(frames);
            frames = withDelimiter;
        }

        return WriteFramesAsync(frames, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
        try
        {
            await _readLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The loop's failure is already reported through the channel.
        }

        _incoming.Writer.TryComplete(new ZmtpException("The connection was closed by this side."));
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private static async Task<Socket> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var socket = new Socket(endpoint.AddressFamily, System.Net.Sockets.SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken);
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.TimedOut or SocketError.ConnectionReset)
            {
                socket.Dispose();
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private async Task HandshakeAsync(byte[] identity, CancellationToken cancellationToken)
    {
        // Greeting (RFC 23): signature FF 00*8 7F, version 3.1, mechanism "NULL" padded to 20, as-server 0, filler.
        // Sent whole: libzmq reads it in one go.
        var greeting = new byte[64];
        greeting[0] = 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        Encoding.ASCII.GetBytes("NULL", greeting.AsSpan(12));
        await _stream.WriteAsync(greeting, cancellationToken);

        var peer = new byte[64];
        await ReadExactAsync(peer, cancellationToken);
        if (peer[0] != 0xFF || peer[9] != 0x7F)
        {
            throw new ZmtpException("The peer is not a ZMTP endpoint (bad greeting signature).");
        }

        if (peer[10] < 3)
        {
            throw new ZmtpException($"The peer speaks ZMTP {peer[10]}.x; version 3 or later is required.");
        }

        if (!peer.AsSpan(12, 20).SequenceEqual(greeting.AsSpan(12, 20)))
        {
            throw new ZmtpException("The peer asks for a security mechanism other than NULL.");
        }

        var properties = new List<KeyValuePair<string, byte[]>> { new("Socket-Type", Encoding.ASCII.GetBytes(SocketTypeName(SocketType))) };
        if (SocketType is ZmtpSocketType.Dealer or ZmtpSocketType.Req)
        {
            properties.Add(new("Identity", identity));
        }

        await WriteCommandAsync("READY", ZmtpFrame.EncodeProperties(properties), cancellationToken);

        // The peer's READY must come before any message; ERROR ends the connection.
        while (true)
        {
            var (flags, body) = await ReadFrameAsync(cancellationToken);
            if ((flags & ZmtpFrame.Command) == 0)
            {
                throw new ZmtpException("The peer sent a message before READY.");
            }

            var name = ZmtpFrame.CommandName(body);
            if (name == "READY")
            {
                ZmtpFrame.DecodeProperties(ZmtpFrame.CommandData(body));
                return;
            }

            if (name == "ERROR")
            {
                throw new ZmtpException($"The peer refused the handshake: {ErrorReason(body)}");
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var parts = new List<byte[]>();
        try
        {
            while (true)
            {
                var (flags, body) = await ReadFrameAsync(_stop.Token);
                if ((flags & ZmtpFrame.Command) != 0)
                {
                    await HandleCommandAsync(body);
                    continue;
                }

                parts.Add(body);
                if ((flags & ZmtpFrame.More) != 0)
                {
                    continue;
                }

                var message = parts.ToArray();
                parts.Clear();
                if (SocketType == ZmtpSocketType.Req)
                {
                    // A REQ reply comes back as [empty delimiter, body...]; anything else is dropped (RFC 28).
                    if (message.Length < 1 || message[0].Length != 0)
                    {
                        continue;
                    }

                    message = message[1..];
                }

                _incoming.Writer.TryWrite(message);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            var error = e as ZmtpException ?? new ZmtpException("The ZMTP peer closed the connection.", e);
            _incoming.Writer.TryComplete(error);
        }
        catch (Exception e)
        {
            _incoming.Writer.TryComplete(e);
        }
    }

    private async Task HandleCommandAsync(byte[] body)
    {
        var name = ZmtpFrame.CommandName(body);
        switch (name)
        {
            case "PING":
                // PING carries a 2-byte TTL then up to 16 bytes of context that PONG echoes (RFC 37).
                var data = ZmtpFrame.CommandData(body);
                var context = data.Length > 2 ? data[2..].ToArray() : [];
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    timeout.CancelAfter(WriteTimeout);
                    await WriteCommandAsync("PONG", context, timeout.Token);
                }

                break;
            case "ERROR":
                throw new ZmtpException($"The peer sent ERROR: {ErrorReason(body)}");
            default:
                // Unknown commands are ignored (RFC 37), SUBSCRIBE/CANCEL included: we never publish.
                break;
        }
    }

    private static string ErrorReason(byte[] body)
    {
        var data = ZmtpFrame.CommandData(body);
        return data.Length > 0 ? Encoding.ASCII.GetString(data.Slice(1, Math.Min(data[0], data.Length - 1))) : "(no reason)";
    }

    private Task WriteCommandAsync(string name, ReadOnlySpan<byte> data, CancellationToken cancellationToken)
    {
        var body = ZmtpFrame.CommandBody(name, data);
        var buffer = new byte[ZmtpFrame.HeaderLength(body.Length) + body.Length];
        ZmtpFrame.Write(buffer, ZmtpFrame.Command, body);
        return WriteLockedAsync(buffer, cancellationToken);
    }

    private Task WriteFramesAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var frame in frames)
        {
            total += ZmtpFrame.HeaderLength(frame.Length) + frame.Length;
        }

        var buffer = new byte[total];
        var offset = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var flags = i < frames.Count - 1 ? ZmtpFrame.More : (byte)0;
            offset += ZmtpFrame.Write(buffer.AsSpan(offset), flags, frames[i].Span);
        }

        return WriteLockedAsync(buffer, cancellationToken);
    }

    private async Task WriteLockedAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        if (_incoming.Reader.Completion.IsCompleted)
        {
            throw new ZmtpException("The ZMTP connection is closed.");
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new ZmtpException("The ZMTP connection is closed.", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<(byte Flags, byte[] Body)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var head = new byte[9];
        await ReadExactAsync(head.AsMemory(0, 2), cancellationToken);
        var flags = head[0];
        long size = head[1];
        if ((flags & ZmtpFrame.Long) != 0)
        {
            await ReadExactAsync(head.AsMemory(2, 7), cancellationToken);
            size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(1, 8));
        }

        if (size is < 0 or > MaxFrameSize)
        {
            throw new ZmtpException($"The peer sent a frame of {size} bytes; the limit is {MaxFrameSize}.");
        }

        var body = new byte[size];
        await ReadExactAsync(body, cancellationToken);
        return (flags, body);
    }

    private async Task ReadExactAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException e)
        {
            throw new ZmtpException("The ZMTP peer closed the connection.", e);
        }
    }

    private static string SocketTypeName(ZmtpSocketType type) => type switch
    {
        ZmtpSocketType.Dealer => "DEALER",
        ZmtpSocketType.Sub => "SUB",
        ZmtpSocketType.Req => "REQ",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
