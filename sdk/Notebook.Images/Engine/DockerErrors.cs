using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Docker.DotNet;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>Turns what Docker.DotNet throws into NB409x messages: no exception of the library reaches a user.</summary>
internal static class DockerErrors
{
    /// <summary>Runs one engine call; <paramref name="what"/> completes "refused to ..." in NB4099.</summary>
    public static async Task<T> CallAsync<T>(DockerEndpoint endpoint, string what, Func<Task<T>> call, CancellationToken cancellationToken,
        Func<DockerApiException, NotebookSdkException?>? special = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw special?.Invoke(e) ?? Messages.NB4099_DockerRequestFailed.Exception(endpoint.ToString(), what, EngineMessage(e));
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw Unreachable(endpoint, e);
        }
    }

    /// <summary>Reads or writes on an attached stream: a broken connection is NB4090.</summary>
    public static async Task<T> OnStreamAsync<T>(string endpoint, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw Messages.NB4090_DockerEngineUnreachable.Exception(endpoint, "attached stream", Reason(e));
        }
    }

    public static NotebookSdkException Unreachable(DockerEndpoint endpoint, Exception e)
    {
        if (Find<AuthenticationException>(e) is { } tls)
            return Messages.NB4093_DockerTlsFailed.Exception(endpoint.ToString(), endpoint.Source, Reason(tls), endpoint.Tls?.Directory ?? "(none)");
        return Messages.NB4090_DockerEngineUnreachable.Exception(endpoint.ToString(), endpoint.Source, Reason(e));
    }

    public static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or SocketException or IOException or TimeoutException or AuthenticationException or ObjectDisposedException
        || e is OperationCanceledException && !cancellationToken.IsCancellationRequested
        // The library's tcp connect (ManagedHandler) surfaces a refused connection wrapped in an AggregateException.
        || e is AggregateException { InnerExceptions.Count: > 0 } all && all.InnerExceptions.All(x => IsTransport(x, cancellationToken));

    /// <summary>The engine's {"message": "..."} when it sent one, else the status code.</summary>
    public static string EngineMessage(DockerApiException e)
    {
        var body = e.ResponseBody?.Trim() ?? "";
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                body = message.GetString() ?? body;
        }
        catch (JsonException)
        {
        }
        var status = $"HTTP {(int)e.StatusCode}";
        return body.Length == 0 ? status : $"{Trim(body)} ({status})";
    }

    public static bool Is(DockerApiException e, HttpStatusCode status) => e.StatusCode == status;

    public static string Trim(string text) => text.Length > 300 ? text[..300] + "..." : text.Trim();

    private static string Reason(Exception e)
    {
        if (e is OperationCanceledException or TimeoutException) return "no answer in time";
        // The innermost message names the cause (connection refused, no such file); outer ones only wrap it.
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return Trim(inner.Message.TrimEnd('.'));
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T match) return match;
        return null;
    }
}
