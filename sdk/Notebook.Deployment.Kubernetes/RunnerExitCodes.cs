namespace Notebook.Deployment.Kubernetes;

/// <summary>
/// nbrun's exit codes the failure policy keys on (sdk/Notebook.Runner/ExitCodes.cs; a test holds the two equal: this
/// library does not reference the runner).
/// </summary>
public static class RunnerExitCodes
{
    public const int CellFailed = 1;
    public const int Usage = 2;
    public const int Kernel = 3;
    public const int Timeout = 4;

    /// <summary>Codes that fail the run for good: a retry would fail the same way.</summary>
    public static readonly IReadOnlyList<int> Final = [CellFailed, Usage, Timeout];

    /// <summary>Codes worth a retry: the kernel died, most often killed for memory by a busy node.</summary>
    public static readonly IReadOnlyList<int> Retried = [Kernel];
}
