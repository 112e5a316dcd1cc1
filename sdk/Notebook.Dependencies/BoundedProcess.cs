using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Notebook.Dependencies;

/// <summary>
/// Runs a tool (pip, dotnet) to its end with stdin closed, its stdout and stderr kept together for messages, and a
/// time limit after which the whole process tree is killed. The caller names its own errors for a tool that does
/// not start and for one that ran out of time; its own cancellation comes back as cancellation.
/// </summary>
internal static class BoundedProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout,
        Func<string, Exception> notStarted, Func<Exception> timedOut, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw notStarted(e.Message);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw timedOut();
        }
        // The parameterless wait drains the redirected output after exit.
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }
}
