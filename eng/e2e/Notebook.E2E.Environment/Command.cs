using System.Diagnostics;
using System.Text;

namespace Notebook.E2E;

/// <summary>The result of a finished program: its exit code and its stdout and stderr, interleaved.</summary>
public sealed record CommandResult(int ExitCode, string Output);

/// <summary>Runs the machine's tools (debootstrap, chroot, mount, docker) with a bounded time.</summary>
public static class Command
{
    public static string Require(string name, string installHint)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                     .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"'{name}' is missing; the end-to-end environment needs it. Install it with: {installHint}");
    }

    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout,
        IDictionary<string, string?>? environment = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var a in args) info.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment)
                if (v is null) info.Environment.Remove(k); else info.Environment[k] = v;

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
                throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}. Output so far:\n{output}");
        }
        process.WaitForExit();
        lock (output) return new CommandResult(process.ExitCode, output.ToString());
    }

    /// <summary>Runs and throws with the whole output when the exit code is not 0.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> args, TimeSpan timeout,
        IDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var result = await RunAsync(fileName, list, timeout, environment, null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', list)} exited {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }
}
