namespace Notebook.Runner;

/// <summary>nbrun's exit codes (ARCHITECTURE.md section 4); schedulers branch on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int CellFailed = 1;
    public const int Usage = 2;
    public const int Kernel = 3;
    public const int Timeout = 4;

    /// <summary>The run succeeded but <c>--push-results</c> could not push its results (a failed run keeps its own code).</summary>
    public const int ResultsPushFailed = 5;

    /// <summary>128 + SIGINT (2), what a shell reports for a process stopped by Ctrl-C.</summary>
    public const int Interrupted = 130;

    /// <summary>128 + SIGTERM (15), what a shell reports for a process stopped by <c>kill</c> or a container stop.</summary>
    public const int Terminated = 143;
}
