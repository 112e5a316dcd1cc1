using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Notebook.Diagnostics;
using Notebook.Execution.Messaging;

namespace Notebook.Execution.Kernels.Gateway;

/// <summary>
/// A kernel that a Jupyter Server (or Enterprise/Kernel Gateway) runs: messages go over its channels websocket, the
/// REST API interrupts and deletes it. Liveness is watched two ways at once: the websocket (closed, or a
/// <c>restarting</c>/<c>dead</c> status the server sends when its restarter finds the kernel process gone) and
/// <c>GET /api/kernels/{id}</c> every <see cref="GatewayOptions.PollInterval"/> (<c>dead</c> or 404). A kernel the server
/// restarted has lost its state, so it counts as dead, as nbclient counts it. Disposal always deletes the kernel.
/// </summary>
public sealed class GatewayKernel : IKernel
{
    private const int MaxMessageBytes = 512 * 1024 * 1024;

    private readonly GatewayClient _client;
    private readonly KernelClientOptions _options;
    private readonly ClientWebSocket _socket;
    private readonly JupyterSession _session;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JupyterMessage>> _pending = new();
    private readonly Channel<JupyterMessage> _iopub = Channel.CreateUnbounded<JupyterMessage>(new() { SingleWriter = true });
    private readonly TaskCompletionSource _firstIopub = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly KernelDeath _death = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private volatile bool _shuttingDown;
    private bool _deleted;
    private bool _shutdownTried;
    private int _droppedMessages;
    private int _disposed;

    internal GatewayKernel(GatewayClient client, KernelClientOptions options, string id, string name, string displayName, string language,
        ClientWebSocket socket, JupyterSession session)
    {
        _client = client;
        _options = options;
        Id = id;
        Name = name;
        DisplayName = displayName;
        Language = language;
        _socket = socket;
        _session = session;
    }

    /// <summary>The gateway's id of the kernel (<c>/api/kernels/{id}</c>).</summary>
    public string Id { get; }

    public string Name { get; }

    public string DisplayName { get; }

    public string Language { get; }

    public JsonObject KernelInfo { get; private set; } = [];

    public JsonObject? LanguageInfo => KernelInfo["language_info"] as JsonObject;

    public ChannelReader<JupyterMessage> Iopub => _iopub.Reader;

    public CancellationToken DeathToken => _death.Token;

    public bool IsDead => _death.IsDead;

    public KernelShutdown? LastShutdown { get; private set; }

    /// <summary>Frames dropped because they were not Jupyter messages.</summary>
    public int DroppedMessages => Volatile.Read(ref _droppedMessages);

    internal void StartLoops()
    {
        _loops.Add(Task.Run(ReceiveAsync));
        _loops.Add(Task.Run(PollAsync));
    }

    public Task<KernelRequest> SendRequestAsync(KernelChannel channel, string msgType, JsonObject content, CancellationToken cancellationToken) =>
        SendRequestAsync(channel, msgType, content, null, cancellationToken);

    public async Task<KernelRequest> SendRequestAsync(KernelChannel channel, string msgType, JsonObject content, JsonObject? metadata, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        var message = _session.CreateMessage(msgType, content, metadata: metadata);
        var reply = new TaskCompletionSource<JupyterMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[message.MsgId] = reply;
        var frame = Encoding.UTF8.GetBytes(GatewayMessageFormat.Serialize(message, channel == KernelChannel.Shell ? "shell" : "control"));
        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
                bounded.CancelAfter(_client.Options.RequestTimeout);
                await _socket.SendAsync(frame, WebSocketMessageType.Text, true, bounded.Token).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _pending.TryRemove(message.MsgId, out _);
            MarkDead($"the gateway's websocket failed ({e.Message})");
            ThrowIfDead();
            throw new KernelDiedException($"the gateway's websocket failed ({e.Message})", null, "");
        }
        catch
        {
            _pending.TryRemove(message.MsgId, out _);
            throw;
        }

        return new KernelRequest(message.MsgId, reply.Task);
    }

    public void Forget(string msgId) => _pending.TryRemove(msgId, out _);

    /// <summary>
    /// <c>POST /api/kernels/{id}/interrupt</c> (the server interrupts the way the kernelspec says). A gateway that does not
    /// answer within <see cref="KernelClientOptions.ControlReplyTimeout"/>, or fails, gives <see cref="TimeoutException"/>.
    /// </summary>
    public async Task InterruptAsync(CancellationToken cancellationToken)
    {
        if (IsDead)
        {
            return;
        }

        GatewayResponse response;
        try
        {
            response = await _client.PostAsync($"api/kernels/{Id}/interrupt", null, cancellationToken, _options.ControlReplyTimeout).ConfigureAwait(false);
        }
        catch (NotebookSdkException e)
        {
            throw new TimeoutException($"The gateway did not interrupt the kernel: {e.Diagnostic.Message}", e);
        }

        if (response.Status == HttpStatusCode.NotFound)
        {
            MarkDead("the gateway no longer knows the kernel");
            ThrowIfDead();
        }
        else if (!response.IsSuccess)
        {
            throw new TimeoutException($"The gateway did not interrupt the kernel: {response.ErrorText}");
        }
    }

    /// <summary>
    /// <c>DELETE /api/kernels/{id}</c>: the server asks the kernel to shut down and kills it after its own grace period.
    /// Bounded by the grace period plus <see cref="GatewayOptions.RequestTimeout"/>; tried once, never throws. A failure
    /// is the warning NB5146 (the kernel may be left on the gateway) and leaves <see cref="LastShutdown"/> null.
    /// </summary>
    public async Task ShutdownAsync(TimeSpan? gracePeriod = null)
    {
        _shuttingDown = true;
        if (_deleted || _shutdownTried)
        {
            return;
        }

        _shutdownTried = true;

        var clock = Stopwatch.StartNew();
        var wasDead = IsDead;
        await _stop.CancelAsync().ConfigureAwait(false);
        var limit = (gracePeriod ?? _options.ShutdownGracePeriod) + _client.Options.RequestTimeout;
        string? failure = null;
        while (clock.Elapsed < limit)
        {
            try
            {
                var response = await _client.DeleteAsync($"api/kernels/{Id}", CancellationToken.None, Max(limit - clock.Elapsed, TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                if (response.IsSuccess || response.Status == HttpStatusCode.NotFound)
                {
                    _deleted = true;
                    var outcome = wasDead || response.Status == HttpStatusCode.NotFound ? KernelShutdownOutcome.AlreadyExited : KernelShutdownOutcome.Graceful;
                    LastShutdown = new KernelShutdown(outcome, response.IsSuccess, clock.Elapsed, response.IsSuccess ? clock.Elapsed : null);
                    return;
                }

                failure = response.ErrorText;
                // jupyter_server answers 500 while its restarter is restarting a kernel that died: ask again.
                if ((int)response.Status < 500)
                {
                    break;
                }
            }
            catch (NotebookSdkException e)
            {
                failure = e.Diagnostic.Message;
                if (e.Code != Messages.NB5140_GatewayUnreachable.Code)
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }

        // No record: whether the kernel still runs is unknown, and no outcome says that.
        Warn(failure ?? $"no answer within {Durations.Format(limit)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // A shutdown already tried keeps its record (and its one warning).
            await ShutdownAsync().ConfigureAwait(false);
        }
        finally
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await CloseSocketAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Loop failures were already turned into death reports.
            }

            foreach (var pending in _pending.Values)
            {
                pending.TrySetCanceled();
            }

            _iopub.Writer.TryComplete();
            _socket.Dispose();
            _client.Dispose();
            // _death is not disposed: DeathToken stays readable after disposal.
            _stop.Dispose();
        }
    }

    public KernelDiedException CreateDiedException() => new(_death.Reason ?? "unknown", null, "(a gateway kernel's own output is in the gateway's log)");

    /// <summary>kernel_info on shell, asked again each second until it is answered, then until iopub delivers (as <see cref="KernelClient"/>).</summary>
    internal async Task WaitForReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        JupyterMessage? reply = null;
        while (reply is null)
        {
            ThrowIfDead();
            var request = await SendRequestAsync(KernelChannel.Shell, "kernel_info_request", [], cancellationToken).ConfigureAwait(false);
            try
            {
                reply = await WaitAsync(request.Reply, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (clock.Elapsed < limit)
            {
                // The kernel may still be starting behind the gateway: ask again.
            }
            finally
            {
                Forget(request.MsgId);
            }
        }

        KernelInfo = reply.Content;
        while (!_firstIopub.Task.IsCompleted)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException("iopub delivered nothing.");
            }

            try
            {
                await WaitAsync(_firstIopub.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var request = await SendRequestAsync(KernelChannel.Shell, "kernel_info_request", [], cancellationToken).ConfigureAwait(false);
                Forget(request.MsgId);
            }
        }
    }

    private async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _death.Token);
        try
        {
            return await task.WaitAsync(timeout, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_death.IsDead && !cancellationToken.IsCancellationRequested)
        {
            throw CreateDiedException();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        MarkDead($"the gateway closed the kernel's websocket ({result.CloseStatus?.ToString() ?? "no status"})");
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                    if (message.Length > MaxMessageBytes)
                    {
                        throw new InvalidDataException($"a websocket message is larger than {MaxMessageBytes} bytes");
                    }
                }
                while (!result.EndOfMessage);

                Dispatch(message.GetBuffer().AsSpan(0, (int)message.Length), result.MessageType == WebSocketMessageType.Binary);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            MarkDead($"the gateway's websocket failed ({e.Message})");
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame, bool binary)
    {
        string channel;
        JupyterMessage message;
        try
        {
            (channel, message) = GatewayMessageFormat.Parse(frame, binary);
        }
        catch (FormatException)
        {
            Interlocked.Increment(ref _droppedMessages);
            return;
        }

        switch (channel)
        {
            case "iopub":
                // jupyter_server sends these itself when its restarter finds the kernel process gone.
                if (message.MsgType == "status" && message.Content["execution_state"]?.ToString() is "restarting" or "dead" && message.ParentMsgId is null)
                {
                    MarkDead(message.Content["execution_state"]!.ToString() == "dead"
                        ? "the gateway reports the kernel dead"
                        : "the kernel process died and the gateway restarted it, so its state is lost");
                }

                _iopub.Writer.TryWrite(message);
                _firstIopub.TrySetResult();
                break;
            case "shell" or "control":
                if (message.ParentMsgId is { } parent && _pending.TryRemove(parent, out var waiter))
                {
                    waiter.TrySetResult(message);
                }

                break;
        }
    }

    private async Task PollAsync()
    {
        var lastAnswer = Stopwatch.StartNew();
        try
        {
            while (!_stop.IsCancellationRequested && !IsDead)
            {
                await Task.Delay(_client.Options.PollInterval, _stop.Token).ConfigureAwait(false);
                try
                {
                    var response = await _client.GetAsync($"api/kernels/{Id}", _stop.Token, _client.Options.PollInterval * 5).ConfigureAwait(false);
                    lastAnswer.Restart();
                    if (response.Status == HttpStatusCode.NotFound)
                    {
                        MarkDead("the gateway no longer knows the kernel (it was deleted or culled)");
                    }
                    else if ((response.Body as JsonObject)?["execution_state"]?.ToString() == "dead")
                    {
                        MarkDead("the gateway reports the kernel dead");
                    }
                }
                catch (NotebookSdkException) when (lastAnswer.Elapsed > _client.Options.UnreachableLimit)
                {
                    MarkDead($"the gateway did not answer for {lastAnswer.Elapsed.TotalSeconds:0} s");
                }
                catch (NotebookSdkException)
                {
                    // A short outage of the gateway is tolerated; the websocket still watches the kernel.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task CloseSocketAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        _socket.Abort();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Warn(string reason) =>
        _client.Options.Warning?.Invoke(Messages.NB5146_GatewayKernelNotDeleted.Create(Id, _client.Options.DisplayUrl, reason));

    private void ThrowIfDead() => _death.ThrowIfDead(CreateDiedException);

    internal void MarkDead(string reason) => _death.Mark(reason, _shuttingDown);
}
