using System.Diagnostics;

namespace Notebook.OsPackages;

/// <summary>The build machine's programs the layer builder may use, each bounded in time.</summary>
public static class HostTools
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>glibc's ldconfig, on any Linux build machine (Debian: libc-bin).</summary>
    public static string? Ldconfig() =>
        OperatingSystem.IsLinux() ? new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "/usr/bin/ldconfig" }.FirstOrDefault(File.Exists) : null;

    /// <summary>True when this machine can start the image's own x86_64/arm64 programs (same OS and architecture).</summary>
    public static bool CanRun(string debianArchitecture) => OperatingSystem.IsLinux() && debianArchitecture == (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        _ => "",
    });

    /// <summary>
    /// ldconfig -r chroots into the root, which needs root's privilege: a non-root build runs it in a user namespace
    /// where it is root (<c>unshare --user --map-root-user</c>, util-linux), as rootless container builders do.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string ldconfig, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (Environment.IsPrivilegedProcess) return RunProgramAsync(ldconfig, args, null, ct);
        var unshare = new[] { "/usr/bin/unshare", "/bin/unshare" }.FirstOrDefault(File.Exists);
        return unshare is null
            ? Task.FromResult((-1, "ldconfig -r needs root, and this machine has no unshare (util-linux) to give it a user namespace"))
            : RunProgramAsync(unshare, ["--user", "--map-root-user", ldconfig, .. args], null, ct);
    }

    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new IOException($"{file} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (ct.IsCancellationRequested) throw;
            return (-1, $"{file} did not finish within {Timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }
}
