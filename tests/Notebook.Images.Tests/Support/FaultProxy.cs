using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Notebook.Images.Tests.Support;

/// <summary>What the proxy does with one request.</summary>
public enum Fault
{
    None,
    ServiceUnavailable,
    TooManyRequests,
    DropConnection,
}

/// <summary>
/// A loopback TCP proxy in front of a real registry. It reads each request's head, decides a fault from
/// "METHOD kind" (e.g. "PUT upload", "POST upload", "HEAD blob", "PUT manifest", "GET manifest"), and either
/// answers 503 / 429 with Retry-After, resets the connection, or forwards the request with
/// "Connection: close" (so every request gets its own connection and its own decision).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public FaultProxy(string targetHost, Func<string, string, Fault> decide)
    {
        _targetPort = int.Parse(targetHost[(targetHost.LastIndexOf(':') + 1)..]);
        Decide = decide;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>(kind, path) -> fault.</summary>
    public Func<string, string, Fault> Decide { get; set; }

    public ConcurrentDictionary<string, int> Counts { get; } = new();

    public ConcurrentQueue<string> Faults { get; } = new();

    public int Count(string kind) => Counts.GetValueOrDefault(kind);

    private static string KindOf(string method, string path)
    {
        var kind = path.Contains("/blobs/uploads/") ? "upload" : path.Contains("/blobs/") ? "blob" : path.Contains("/manifests/") ? "manifest" : "other";
        return method + " " + kind;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(Socket client)
    {
        using var _ = client;
        try
        {
            var (head, rest) = await ReadHeadAsync(client);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var kind = KindOf(requestLine[0], requestLine[1]);
            Counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
            switch (Decide(kind, requestLine[1]))
            {
                case Fault.ServiceUnavailable:
                    Faults.Enqueue("503 " + kind);
                    await client.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    client.Shutdown(SocketShutdown.Both);
                    return;
                case Fault.TooManyRequests:
                    Faults.Enqueue("429 " + kind);
                    await client.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    client.Shutdown(SocketShutdown.Both);
                    return;
                case Fault.DropConnection:
                    Faults.Enqueue("drop " + kind);
                    client.LingerState = new LingerOption(true, 0); // close with RST
                    client.Close();
                    return;
            }

            var forwardedHead = string.Join("\r\n", lines.Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)).Append("Connection: close")) + "\r\n\r\n";
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            await server.SendAsync(Encoding.ASCII.GetBytes(forwardedHead));
            if (rest.Length > 0) await server.SendAsync(rest);
            using var done = new CancellationTokenSource();
            var upstream = PumpAsync(client, server, done.Token);
            await PumpAsync(server, client, CancellationToken.None);
            done.Cancel();
            try { await upstream; } catch (OperationCanceledException) { }
            client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
        }
    }

    private static async Task<(string? Head, byte[] Body)> ReadHeadAsync(Socket client)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await client.ReceiveAsync(chunk);
            if (read == 0) return (null, []);
            buffer.AddRange(chunk.AsSpan(0, read));
            var all = buffer.ToArray();
            var end = all.AsSpan().IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.ASCII.GetString(all, 0, end), all[(end + 4)..]);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, cancellationToken);
            if (read == 0) return;
            await to.SendAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
    }
}
