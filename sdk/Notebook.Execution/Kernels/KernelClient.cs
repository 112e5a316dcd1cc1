using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Notebook.Diagnostics;
using Notebook.Execution.Messaging;
using Notebook.Execution.Transport;

namespace Notebook.Execution.Kernels;

/// <summary>Which request channel a message goes to.</summary>
public enum KernelChannel
{
    Shell,
    Control,
}

/// <summary>A request sent to the kernel: its <c>msg_id</c> and the task of its reply.</summary>
public sealed record KernelRequest(string MsgId, Task<JupyterMessage> Reply);

/// <summary>
/// A started kernel and the client connected to it: shell and control (DEALER, session id as identity),
/// iopub (SUB to every topic) and heartbeat (REQ). Liveness is watched all the time through the process exit,
/// the heartbeat and the connections; <see cref="DeathToken"/> fires when any of them says the kernel is gone.
/// Disposal always leaves no kernel process behind.
/// </summary>
public sealed class KernelClient : IKernel
{
    private readonly KernelProcess _process;
    private readonly KernelClientOptions _options;
    private readonly JupyterSession _session;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JupyterMessage>> _pending = new();
    private readonly Channel<JupyterMessage> _iopub = Channel.CreateUnbounded<JupyterMessage>(new() { SingleWriter = true });
    private readonly TaskCompletionSource _firstIopub = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KernelDeath _death = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private ZmtpConnection? _shell;
    private ZmtpConnection? _control;
    private ZmtpConnection? _iopubConnection;
    private ZmtpConnection? _heartbeat;
    private long _lastHeartbeat = Stopwatch.GetTimestamp();
    private long _iopubClosedAt;
    private long _controlClosedAt;
    private int _droppedMessages;
    private volatile bool _shuttingDown;
    private bool _shuttingDownBeforeReady;
    private int _disposed;

    private KernelClient(KernelProcess process, KernelClientOptions options)
    {
        _process = process;
        _options = options;
        _session = new JupyterSession(process.Connection.Key);
    }

    public KernelSpec Spec => _process.Spec;

    public string Name => Spec.Name;

    public string DisplayName => Spec.DisplayName;

    public string Language => Spec.Language;

    /// <summary>The connection file (0600, deleted when the client is disposed).</summary>
    public string ConnectionFile => _process.ConnectionFile;

    /// <summary>The kernel's process id.</summary>
    public int ProcessId => _process.Id;

    public JupyterSession Session => _session;

    /// <summary>The content of the <c>kernel_info_reply</c> received at start-up.</summary>
    public JsonObject KernelInfo { get; private set; } = [];

    /// <summary><c>language_info</c> from kernel_info (copied into the notebook's metadata by the executor).</summary>
    public JsonObject? LanguageInfo => KernelInfo["language_info"] as JsonObject;

    /// <summary>Every iopub message, in order, already signature-checked.</summary>
    public ChannelReader<JupyterMessage> Iopub => _iopub.Reader;

    /// <summary>Fires when the kernel is found dead (process exit, heartbeat silence, a closed connection).</summary>
    public CancellationToken DeathToken => _death.Token;

    public bool IsDead => _death.IsDead;

    /// <summary>Messages dropped because their signature did not verify or they were not Jupyter messages.</summary>
    public int DroppedMessages => Volatile.Read(ref _droppedMessages);

    /// <summary>How the last <see cref="ShutdownAsync"/> ended; null before any.</summary>
    public KernelShutdown? LastShutdown { get; private set; }

    /// <summary>The last lines the kernel wrote to its stdout/stderr.</summary>
    public string RecentOutput => _process.RecentOutput;

    /// <summary>
    /// Starts a kernel from <paramref name="spec"/>, connects and waits until it is ready (bounded by the startup
    /// timeout). A kernel that finds one of its ports taken (by another process, between the moment the port was
    /// found free and the kernel's bind) is stopped and started again on new ports, up to
    /// <see cref="MaxStartAttempts"/> times in all.
    /// </summary>
    public static async Task<KernelClient> StartAsync(KernelSpec spec, KernelClientOptions? options, CancellationToken cancellationToken)
    {
        options ??= new KernelClientOptions();
        for (var attempt = 1; ; attempt++)
        {
            var process = await KernelProcess.StartAsync(spec, options.Launch, cancellationToken);
            var client = new KernelClient(process, options);
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _ = process.PortConflict.ContinueWith(_ => { try { startup.Cancel(); } catch (ObjectDisposedException) { } }, TaskScheduler.Default);
            try
            {
                await client.ConnectAsync(startup.Token);
                await client.WaitForReadyAsync(startup.Token);
                return client;
            }
            catch (Exception) when (process.PortConflict.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                // It will never answer (ipykernel stays alive without listening): no shutdown request, kill it.
                client._shuttingDownBeforeReady = true;
                client.MarkDead("a port was in use");
                await client.DisposeAsync();
                if (attempt < MaxStartAttempts)
                {
                    continue;
                }

                throw Messages.NB5103_KernelStartFailed.Exception(spec.Name,
                    $"its ports were taken by other processes {MaxStartAttempts} times in a row: {Trim(process.RecentOutput)}", string.Join(' ', spec.Argv));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                client._shuttingDownBeforeReady = !client._process.HasExited;
                await client.DisposeAsync();
                if (e is NotebookSdkException)
                {
                    throw;
                }

                var output = Trim(process.RecentOutput);
                var diagnostic = process.ExitCode is { } code && !client._shuttingDownBeforeReady
                    ? Messages.NB5103_KernelStartFailed.Create(spec.Name, $"the process exited with code {code}: {output}", string.Join(' ', spec.Argv))
                    : Messages.NB5104_KernelNotReady.Create(spec.Name, Durations.Format(options.StartupTimeout), $"{e.GetType().Name}: {e.Message}; {output}");
                throw new NotebookSdkException(diagnostic, e);
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>How many times <see cref="StartAsync"/> starts a kernel whose ports were taken.</summary>
    public const int MaxStartAttempts = 3;

    /// <summary>Sends a request and returns at once; the reply task completes when the matching reply arrives.</summary>
    public Task<KernelRequest> SendRequestAsync(KernelChannel channel, string msgType, JsonObject content, CancellationToken cancellationToken) =>
        SendRequestAsync(channel, msgType, content, null, cancellationToken);

    public async Task<KernelRequest> SendRequestAsync(KernelChannel channel, string msgType, JsonObject content, JsonObject? metadata, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        var message = _session.CreateMessage(msgType, content, metadata: metadata);
        var reply = new TaskCompletionSource<JupyterMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[message.MsgId] = reply;
        var connection = channel == KernelChannel.Shell ? _shell! : _control!;
        try
        {
            await connection.SendAsync(_session.Serialize(message), cancellationToken);
        }
        catch (ZmtpException e)
        {
            _pending.TryRemove(message.MsgId, out _);
            MarkDead($"the {channel.ToString().ToLowerInvariant()} connection closed ({e.Message})");
            ThrowIfDead();
            throw;
        }

        return new KernelRequest(message.MsgId, reply.Task);
    }

    /// <summary>Sends a request and waits for its reply, at most <paramref name="timeout"/>, failing fast if the kernel dies.</summary>
    public async Task<JupyterMessage> RequestAsync(KernelChannel channel, string msgType, JsonObject content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = await SendRequestAsync(channel, msgType, content, cancellationToken);
        try
        {
            return await WaitAsync(request.Reply, timeout, cancellationToken);
        }
        finally
        {
            _pending.TryRemove(request.MsgId, out _);
        }
    }

    /// <summary>Forgets a pending request whose reply is no longer wanted.</summary>
    public void Forget(string msgId) => _pending.TryRemove(msgId, out _);

    /// <summary>
    /// Waits for <paramref name="task"/> at most <paramref name="timeout"/>: <see cref="KernelDiedException"/>
    /// when the kernel dies first, <see cref="TimeoutException"/> when the time is up.
    /// </summary>
    public async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _death.Token);
        try
        {
            return await task.WaitAsync(timeout, linked.Token);
        }
        catch (OperationCanceledException) when (_death.IsDead && !cancellationToken.IsCancellationRequested)
        {
            throw CreateDiedException();
        }
    }

    /// <summary>Interrupts the running cell: SIGINT, or <c>interrupt_request</c> on control when the spec says "message".</summary>
    public async Task InterruptAsync(CancellationToken cancellationToken)
    {
        if (IsDead)
        {
            return;
        }

        if (Spec.InterruptMode == KernelInterruptMode.Signal)
        {
            _process.Signal(ProcessSignals.SigInt);
            return;
        }

        await RequestAsync(KernelChannel.Control, "interrupt_request", [], _options.ControlReplyTimeout, cancellationToken);
    }

    /// <summary>
    /// <c>shutdown_request{restart:false}</c> on control, then waits up to the grace period
    /// (<see cref="KernelClientOptions.ShutdownGracePeriod"/> unless <paramref name="gracePeriod"/> is given),
    /// then SIGTERM, then SIGKILL of the process tree (<see cref="KernelShutdownPolicy"/> decides when). Never throws
    /// for a kernel that is already gone. How it ended is in <see cref="LastShutdown"/>.
    /// </summary>
    public async Task ShutdownAsync(TimeSpan? gracePeriod = null)
    {
        _shuttingDown = true;
        var policy = new KernelShutdownPolicy(_process, _options,
            () => Interlocked.Read(ref _iopubClosedAt), () => Interlocked.Read(ref _controlClosedAt));
        Func<Task<KernelRequest>>? request = _control is null
            ? null
            : () => SendRequestAsync(KernelChannel.Control, "shutdown_request", new JsonObject { ["restart"] = false }, CancellationToken.None);
        LastShutdown = await policy.ShutdownAsync(IsDead, request, Forget, gracePeriod ?? _options.ShutdownGracePeriod);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // A shutdown already done keeps its record.
            if (LastShutdown is null || !_process.HasExited)
            {
                await ShutdownAsync();
            }
        }
        finally
        {
            _stop.Cancel();
            foreach (var connection in new[] { _shell, _control, _iopubConnection, _heartbeat })
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }

            try
            {
                await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // Loop failures were already turned into death reports.
            }

            await _process.DisposeAsync();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetCanceled();
            }

            _iopub.Writer.TryComplete();
            // _death is not disposed: DeathToken stays readable after disposal.
            _stop.Dispose();
        }
    }

    public KernelDiedException CreateDiedException() =>
        new(DeathReason(), _process.ExitCode, Trim(_process.RecentOutput));

    private string DeathReason() =>
        _process.ExitCode is { } code
            ? code > 128 ? $"the kernel process was killed by signal {code - 128}" : $"the kernel process exited with code {code}"
            : _death.Reason ?? "unknown";

    private void ThrowIfDead() => _death.ThrowIfDead(CreateDiedException);

    private void MarkDead(string reason) => _death.Mark(reason, _shuttingDown);

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Stop retrying connects as soon as the process exits (a bad argv fails fast, not after the timeout).
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = _process.Exited.ContinueWith(_ => { try { linked.Cancel(); } catch (ObjectDisposedException) { } }, TaskScheduler.Default);
        var info = _process.Connection;
        var identity = System.Text.Encoding.ASCII.GetBytes(_session.SessionId);
        var timeout = _options.StartupTimeout;
        var shell = ZmtpConnection.ConnectAsync(info.Ip, info.ShellPort, ZmtpSocketType.Dealer, identity, timeout, linked.Token);
        var control = ZmtpConnection.ConnectAsync(info.Ip, info.ControlPort, ZmtpSocketType.Dealer, identity, timeout, linked.Token);
        var iopub = ZmtpConnection.ConnectAsync(info.Ip, info.IopubPort, ZmtpSocketType.Sub, null, timeout, linked.Token);
        var heartbeat = ZmtpConnection.ConnectAsync(info.Ip, info.HbPort, ZmtpSocketType.Req, null, timeout, linked.Token);
        try
        {
            await Task.WhenAll(shell, control, iopub, heartbeat);
        }
        finally
        {
            // Keep whatever connected so disposal closes it.
            _shell = shell.IsCompletedSuccessfully ? shell.Result : null;
            _control = control.IsCompletedSuccessfully ? control.Result : null;
            _iopubConnection = iopub.IsCompletedSuccessfully ? iopub.Result : null;
            _heartbeat = heartbeat.IsCompletedSuccessfully ? heartbeat.Result : null;
        }

        _loops.Add(Task.Run(() => ReadRepliesAsync(_shell!, "shell")));
        _loops.Add(Task.Run(() => ReadRepliesAsync(_control!, "control")));
        _loops.Add(Task.Run(ReadIopubAsync));
        _loops.Add(Task.Run(ReadHeartbeatAsync));
        _loops.Add(Task.Run(SendHeartbeatsAsync));
        _loops.Add(WatchProcessAsync());
    }

    private async Task WaitForReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        JupyterMessage? reply = null;
        while (reply is null)
        {
            ThrowIfDead();
            var request = await SendRequestAsync(KernelChannel.Shell, "kernel_info_request", [], cancellationToken);
            try
            {
                reply = await WaitAsync(request.Reply, TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (TimeoutException) when (clock.Elapsed < _options.StartupTimeout)
            {
                // The kernel may not have read the shell socket yet: ask again (jupyter_client does the same).
            }
            finally
            {
                Forget(request.MsgId);
            }
        }

        KernelInfo = reply.Content;

        // Slow joiner: a SUB connection misses what the kernel publishes before the subscription reached it.
        // Wait until some iopub message arrives; each kernel_info request makes the kernel publish busy/idle.
        while (!_firstIopub.Task.IsCompleted)
        {
            if (clock.Elapsed > _options.StartupTimeout)
            {
                throw new TimeoutException("iopub delivered nothing.");
            }

            try
            {
                await WaitAsync(_firstIopub.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (TimeoutException)
            {
                var request = await SendRequestAsync(KernelChannel.Shell, "kernel_info_request", [], cancellationToken);
                Forget(request.MsgId);
            }
        }
    }

    private async Task ReadRepliesAsync(ZmtpConnection connection, string name)
    {
        try
        {
            await foreach (var frames in connection.Incoming.ReadAllAsync(_stop.Token))
            {
                if (TryParse(frames) is { } message && message.ParentMsgId is { } parent && _pending.TryRemove(parent, out var waiter))
                {
                    waiter.TrySetResult(message);
                }
            }
        }
        catch (Exception)
        {
            if (connection == _control)
            {
                Interlocked.CompareExchange(ref _controlClosedAt, Stopwatch.GetTimestamp(), 0);
            }

            MarkDead($"the {name} connection closed");
        }
    }

    private async Task ReadIopubAsync()
    {
        try
        {
            await foreach (var frames in _iopubConnection!.Incoming.ReadAllAsync(_stop.Token))
            {
                if (TryParse(frames) is { } message)
                {
                    _iopub.Writer.TryWrite(message);
                    _firstIopub.TrySetResult();
                }
            }
        }
        catch (Exception)
        {
            Interlocked.CompareExchange(ref _iopubClosedAt, Stopwatch.GetTimestamp(), 0);
            MarkDead("the iopub connection closed");
        }
    }

    private async Task ReadHeartbeatAsync()
    {
        try
        {
            await foreach (var _ in _heartbeat!.Incoming.ReadAllAsync(_stop.Token))
            {
                Interlocked.Exchange(ref _lastHeartbeat, Stopwatch.GetTimestamp());
            }
        }
        catch (Exception)
        {
            MarkDead("the heartbeat connection closed");
        }
    }

    private async Task SendHeartbeatsAsync()
    {
        var interval = _options.HeartbeatInterval;
        var limit = interval * _options.HeartbeatMissedLimit;
        Interlocked.Exchange(ref _lastHeartbeat, Stopwatch.GetTimestamp());
        try
        {
            while (!_stop.IsCancellationRequested && !IsDead)
            {
                using (var sendTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    sendTimeout.CancelAfter(interval);
                    await _heartbeat!.SendAsync(["ping"u8.ToArray()], sendTimeout.Token);
                }

                await Task.Delay(interval, _stop.Token);
                var silent = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat));
                if (silent > limit)
                {
                    MarkDead($"no heartbeat for {silent.TotalSeconds:0.#} s");
                }
            }
        }
        catch (Exception e) when (e is ZmtpException or OperationCanceledException)
        {
            if (!_stop.IsCancellationRequested)
            {
                MarkDead("the heartbeat connection closed");
            }
        }
    }

    private async Task WatchProcessAsync()
    {
        await _process.Exited.WaitAsync(_stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_process.HasExited)
        {
            MarkDead(DeathReason());
        }
    }

    private JupyterMessage? TryParse(byte[][] frames)
    {
        try
        {
            return _session.Parse(frames);
        }
        catch (Exception e) when (e is InvalidMessageSignatureException or FormatException)
        {
            Interlocked.Increment(ref _droppedMessages);
            return null;
        }
    }

    private static string Trim(string text)
    {
        text = text.Trim();
        return text.Length == 0 ? "(nothing)" : text.Length > 2000 ? "..." + text[^2000..] : text;
    }
}
