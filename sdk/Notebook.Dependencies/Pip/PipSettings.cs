namespace Notebook.Dependencies;

/// <summary>
/// How pip is run: the interpreter (a name on PATH or a path), the time allowed per pip call, and extra
/// environment variables. pip reads PIP_INDEX_URL, PIP_EXTRA_INDEX_URL and its config files itself.
/// </summary>
public sealed record PipSettings(string Python = "python3", TimeSpan? Timeout = null, IReadOnlyDictionary<string, string?>? Environment = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;
}

/// <summary>What one pip call left behind.</summary>
public sealed record PipResult(int ExitCode, string Output);
