using System.Diagnostics;
using System.Net;

namespace Notebook.Images;

/// <summary>
/// Bounded retries with exponential backoff for transient registry failures: 5xx, 429 (honouring
/// Retry-After), dropped connections and timeouts. Bounded both in attempts and in total time (monotonic clock).
/// </summary>
public sealed record RetryPolicy
{
    public static RetryPolicy Default { get; } = new();

    public int MaxAttempts { get; init; } = 5;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>No new attempt starts once this much time has passed since the first.</summary>
    public TimeSpan MaxTotalTime { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The longest Retry-After honoured; a registry asking for more gets this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500 && status != HttpStatusCode.NotImplemented && status != HttpStatusCode.HttpVersionNotSupported;

    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => true,
        IOException => true,
        // HttpClient's own timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The wait before attempt <paramref name="attempt"/>+1: Retry-After when given, else 0.5 s, 1 s, 2 s, ... capped.</summary>
    public TimeSpan DelayFor(int attempt, HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            return wait > MaxRetryAfter ? MaxRetryAfter : wait;
        }
        var backoff = InitialDelay * Math.Pow(2, attempt - 1);
        return backoff > MaxDelay ? MaxDelay : backoff;
    }

    /// <summary>True when another attempt may start after waiting <paramref name="delay"/>.</summary>
    public bool MayRetry(int attempt, Stopwatch elapsed, TimeSpan delay) =>
        attempt < MaxAttempts && elapsed.Elapsed + delay < MaxTotalTime;
}
