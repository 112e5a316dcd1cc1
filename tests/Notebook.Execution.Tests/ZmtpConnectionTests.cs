using System.Net;
using System.Net.Sockets;
using Notebook.Execution.Transport;
using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

/// <summary>
/// Protocol corners the kernel never shows on its own (PING, ERROR, an abrupt close), played by a scripted
/// ZMTP peer on a loopback socket. The happy path runs against the real kernel in <see cref="KernelClientTests"/>.
/// </summary>
public sealed class ZmtpConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static byte[] Greeting()
    {
        var g = new byte[64];
        g[0] = 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        g[11] = 1;
        "NULL"u8.CopyTo(g.AsSpan(12));
        return g;
    }

    private static byte[] Command(string name, byte[] data)
    {
        var body = new byte[1 + name.Length + data.Length];
        body[0] = (byte)name.Length;
        System.Text.Encoding.ASCII.GetBytes(name).CopyTo(body, 1);
        data.CopyTo(body, 1 + name.Length);
        return [0x04, (byte)body.Length, .. body];
    }

    private static byte[] Ready(string socketType) =>
        Command("READY", [11, .. "Socket-Type"u8.ToArray(), 0, 0, 0, (byte)socketType.Length, .. System.Text.Encoding.ASCII.GetBytes(socketType)]);

    /// <summary>Accepts one connection, does the greeting and READY as a ROUTER, then runs <paramref name="script"/>.</summary>
    private static (int Port, Task Peer) StartPeer(Func<NetworkStream, Task> script)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            listener.Stop();
            var stream = client.GetStream();
            await stream.WriteAsync(Greeting());
            var theirs = new byte[64];
            await stream.ReadExactlyAsync(theirs);
            theirs[10].ShouldBe((byte)3);
            await ReadFrameAsync(stream); // their READY
            await stream.WriteAsync(Ready("ROUTER"));
            await script(stream);
        });
        return (port, peer);
    }

    private static async Task<(byte Flags, byte[] Body)> ReadFrameAsync(NetworkStream stream)
    {
        var head = new byte[2];
        await stream.ReadExactlyAsync(head);
        var body = new byte[head[1]];
        await stream.ReadExactlyAsync(body);
        return (head[0], body);
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPongCarryingTheContext_AndMessagesArriveWhole()
    {
        byte[]? pong = null;
        var (port, peer) = StartPeer(async stream =>
        {
            await stream.WriteAsync(Command("PING", [0, 10, .. "ctx"u8.ToArray()]));
            pong = (await ReadFrameAsync(stream)).Body;
            await stream.WriteAsync(new byte[] { 0x01, 1, (byte)'a', 0x00, 2, (byte)'b', (byte)'c' });
            await Task.Delay(500);
        });

        await using var connection = await ZmtpConnection.ConnectAsync("127.0.0.1", port, ZmtpSocketType.Dealer, "id"u8.ToArray(), Timeout, CancellationToken.None);
        var message = await connection.Incoming.ReadAsync().AsTask().WaitAsync(Timeout);
        await peer.WaitAsync(Timeout);

        message.Select(f => System.Text.Encoding.ASCII.GetString(f)).ShouldBe(["a", "bc"]);
        pong.ShouldBe(Command("PONG", "ctx"u8.ToArray())[2..]);
    }

    [Fact]
    public async Task PeerClosing_CompletesTheIncomingChannelWithAnError()
    {
        var (port, peer) = StartPeer(_ => Task.CompletedTask);

        await using var connection = await ZmtpConnection.ConnectAsync("127.0.0.1", port, ZmtpSocketType.Dealer, [], Timeout, CancellationToken.None);
        await peer.WaitAsync(Timeout);

        await Should.ThrowAsync<ZmtpException>(() => connection.Completion.WaitAsync(Timeout));
        await Should.ThrowAsync<ZmtpException>(() => connection.SendAsync(["x"u8.ToArray()], CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task ErrorCommand_IsFatal()
    {
        var (port, peer) = StartPeer(async stream =>
        {
            await stream.WriteAsync(Command("ERROR", [4, .. "nope"u8.ToArray()]));
            await Task.Delay(2000);
        });

        await using var connection = await ZmtpConnection.ConnectAsync("127.0.0.1", port, ZmtpSocketType.Dealer, [], Timeout, CancellationToken.None);

        var error = await Should.ThrowAsync<ZmtpException>(() => connection.Completion.WaitAsync(Timeout));
        error.Message.ShouldContain("nope");
    }

    [Fact]
    public async Task Connect_ToAPortNobodyBinds_TimesOut()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await Should.ThrowAsync<TimeoutException>(() =>
            ZmtpConnection.ConnectAsync("127.0.0.1", port, ZmtpSocketType.Dealer, [], TimeSpan.FromMilliseconds(500), CancellationToken.None));
    }
}
