using System.Diagnostics;
using Notebook.Diagnostics;

namespace Notebook.Execution.Kernels;

/// <summary>
/// A started kernel process with its connection file. Disposal kills whatever is left of the process tree and
/// deletes the connection file, so no kernel outlives its owner.
/// </summary>
public sealed class KernelProcess : IAsyncDisposable
{
    private const int OutputCapacity = 16 * 1024;
    private readonly Process _process;
    private readonly BoundedTextBuffer _output = new(OutputCapacity);
    private readonly string _runtimeDirectory;
    private readonly bool _ownsRuntimeDirectory;
    private readonly Task _exited;
    private readonly TaskCompletionSource _portConflict = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const string SetsidPath = "/usr/bin/setsid";
    private int _disposed;
    private bool _ownGroup;
    private KernelLifeline? _lifeline;
    private Action<string>? _echo;

    private KernelProcess(Process process, KernelSpec spec, ConnectionInfo connection, string connectionFile, string runtimeDirectory, bool ownsRuntimeDirectory)
    {
        _process = process;
        Spec = spec;
        Connection = connection;
        ConnectionFile = connectionFile;
        _runtimeDirectory = runtimeDirectory;
        _ownsRuntimeDirectory = ownsRuntimeDirectory;
        Id = process.Id;
        // The Exited event, not WaitForExitAsync: the latter also waits for EOF on the redirected output, which
        // never comes while a grandchild the kernel started still holds the pipe.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        if (process.HasExited)
        {
            exited.TrySetResult();
        }

        _exited = RecordExitAsync(exited.Task);
    }

    public KernelSpec Spec { get; }

    public ConnectionInfo Connection { get; }

    public string ConnectionFile { get; }

    public int Id { get; }

    /// <summary>Whether <paramref name="pid"/> is a process this object started and waits for (the kernel, its lifeline watcher).</summary>
    public bool IsOwnChild(int pid) => pid == Id || (_lifeline is { } lifeline && pid == lifeline.ProcessId);

    /// <summary>Completes when the kernel process has exited.</summary>
    public Task Exited => _exited;

    public bool HasExited => _exited.IsCompleted;

    public int? ExitCode { get; private set; }

    /// <summary>The last lines the kernel wrote to its stdout and stderr (bounded).</summary>
    public string RecentOutput => _output.ToString();

    /// <summary>
    /// Completes when the kernel says one of its ports is in use (ZeroMQ's "Address already in use"): another
    /// process took a port between the moment it was found free and the kernel's bind. ipykernel then stays
    /// alive without listening, so only its output tells.
    /// </summary>
    public Task PortConflict => _portConflict.Task;

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.AppendLine(line);
        _echo?.Invoke(line);
        if (line.Contains("Address already in use", StringComparison.Ordinal) || line.Contains("EADDRINUSE", StringComparison.Ordinal))
        {
            _portConflict.TrySetResult();
        }
    }

    /// <summary>
    /// Writes a connection file with free loopback ports, substitutes <c>{connection_file}</c> and
    /// <c>{resource_dir}</c> in argv, applies the spec's env (with <c>${VAR}</c> expansion, as jupyter_client)
    /// and starts the process with its output drained.
    /// </summary>
    public static async Task<KernelProcess> StartAsync(KernelSpec spec, KernelLaunchOptions options, CancellationToken cancellationToken)
    {
        var ownsRuntime = options.RuntimeDirectory is null;
        var runtime = options.RuntimeDirectory ?? CreatePrivateDirectory();
        var connection = options.Connection ?? ConnectionInfo.CreateForLoopback(spec.Name);
        var connectionFile = Path.Combine(runtime, $"kernel-{Guid.NewGuid():N}.json");
        try
        {
            await connection.WriteAsync(connectionFile, cancellationToken);
            // Like jupyter_client (start_new_session=True), the kernel gets its own session and process group, so
            // that signals and the final kill reach whatever it started, and a terminal's Ctrl-C does not.
            // setsid(1) execs in place (same pid) because a child of this process is never a group leader.
            var ownGroup = options.NewProcessGroup && !OperatingSystem.IsWindows() && File.Exists(SetsidPath);
            var startInfo = new ProcessStartInfo(ownGroup ? SetsidPath : Substitute(spec.Argv[0], connectionFile, spec))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
            };
            if (ownGroup)
            {
                startInfo.ArgumentList.Add(Substitute(spec.Argv[0], connectionFile, spec));
            }

            foreach (var arg in spec.Argv.Skip(1))
            {
                startInfo.ArgumentList.Add(Substitute(arg, connectionFile, spec));
            }

            if (spec.IsIPythonKernel && options.InMemoryHistory)
            {
                startInfo.ArgumentList.Add("--HistoryManager.hist_file=:memory:");
            }

            if (spec.IsIPythonKernel && !startInfo.Environment.ContainsKey("PYDEVD_DISABLE_FILE_VALIDATION"))
            {
                // debugpy's "frozen modules" warning on every start is noise in the kernel output we quote in errors.
                startInfo.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
            }

            foreach (var arg in options.ExtraArguments)
            {
                startInfo.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in spec.Env)
            {
                startInfo.Environment[key] = ExpandVariables(value, startInfo.Environment);
            }

            // ipykernel exits by itself when this process disappears (its parent poller watches JPY_PARENT_PID).
            startInfo.Environment["JPY_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (options.Environment is not null)
            {
                foreach (var (key, value) in options.Environment)
                {
                    if (value is null)
                    {
                        startInfo.Environment.Remove(key);
                    }
                    else
                    {
                        startInfo.Environment[key] = value;
                    }
                }
            }

            SeedHome(startInfo.Environment);
            var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
            try
            {
                process.Start();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                process.Dispose();
                throw Messages.NB5103_KernelStartFailed.Exception(spec.Name, e.Message, string.Join(' ', spec.Argv));
            }

            var kernel = new KernelProcess(process, spec, connection, connectionFile, runtime, ownsRuntime)
            {
                _ownGroup = ownGroup,
                _lifeline = ownGroup ? KernelLifeline.Start(process.Id) : null,
                _echo = options.OutputEcho,
            };
            process.OutputDataReceived += (_, e) => kernel.OnOutput(e.Data);
            process.ErrorDataReceived += (_, e) => kernel.OnOutput(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // No stdin for a headless kernel (allow_stdin is false): close it so a stray read gets EOF.
            process.StandardInput.Close();
            return kernel;
        }
        catch
        {
            DeleteQuietly(connectionFile, ownsRuntime ? runtime : null);
            throw;
        }
    }

    private async Task RecordExitAsync(Task exited)
    {
        await exited;
        ExitCode = _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal to the kernel process; false when it is gone.</summary>
    public bool Signal(int signal)
    {
        if (HasExited)
        {
            return false;
        }

        // To the process group when the kernel leads one (as jupyter_client's signal_kernel does), else to the process.
        return (_ownGroup && ProcessSignals.Send(-Id, signal)) || ProcessSignals.Send(Id, signal);
    }

    /// <summary>Waits for the process to exit, at most <paramref name="timeout"/>; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_exited, Task.Delay(timeout));
        return done == _exited;
    }

    /// <summary>True when the kernel has child processes and all of them have ended without being reaped by it.</summary>
    public bool HasOnlyZombieChildren() => !HasExited && ProcessSignals.HasOnlyZombieChildren(Id);

    /// <summary>SIGKILL to the kernel and every descendant it started, then waits (bounded) for the exit.</summary>
    public async Task KillTreeAsync()
    {
        var descendants = ProcessSignals.Descendants(Id);
        if (!HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        if (_ownGroup)
        {
            // Also reaches processes of the group whose parent (the kernel) is already gone.
            ProcessSignals.Send(-Id, ProcessSignals.SigKill);
        }

        foreach (var pid in descendants)
        {
            ProcessSignals.Send(pid, ProcessSignals.SigKill);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(5));

        // SIGKILL is delivered asynchronously: wait (bounded) until nothing of the tree or group is still running.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ProcessSignals.Alive(descendants, _ownGroup ? Id : null).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await KillTreeAsync();
        _lifeline?.Dispose();
        if (HasExited)
        {
            // Let the output readers see EOF so RecentOutput is complete.
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
            }
        }

        _process.Dispose();
        DeleteQuietly(ConnectionFile, _ownsRuntimeDirectory ? _runtimeDirectory : null);
    }

    private static string Substitute(string arg, string connectionFile, KernelSpec spec) =>
        arg.Replace("{connection_file}", connectionFile, StringComparison.Ordinal)
            .Replace("{resource_dir}", spec.ResourceDirectory, StringComparison.Ordinal);

    /// <summary>The kernelspec env variable that names a folder whose entries are linked into the kernel's HOME.</summary>
    public const string HomeSeedVariable = "NOTEBOOK_KERNEL_HOME_SEED";

    /// <summary>
    /// Links each entry of the folder named by <see cref="HomeSeedVariable"/> into the kernel's HOME when HOME has
    /// nothing of that name, like /etc/skel: a kernel that reads a cache from HOME (the .NET Interactive kernel's
    /// restore results) finds the image's copy though HOME is a fresh, writable /tmp (a tmpfs, an emptyDir).
    /// A HOME that cannot be written is left to the kernel, which reports it.
    /// </summary>
    internal static void SeedHome(IDictionary<string, string?> environment)
    {
        if (!environment.TryGetValue(HomeSeedVariable, out var seed) || string.IsNullOrEmpty(seed) || !Directory.Exists(seed)) return;
        var home = environment.TryGetValue("HOME", out var h) && !string.IsNullOrEmpty(h) ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) return;
        try
        {
            Directory.CreateDirectory(home);
            foreach (var entry in Directory.EnumerateFileSystemEntries(seed))
            {
                var link = Path.Combine(home, Path.GetFileName(entry));
                if (!Path.Exists(link)) File.CreateSymbolicLink(link, entry);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string ExpandVariables(string value, IDictionary<string, string?> environment) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", m =>
            environment.TryGetValue(m.Groups[1].Value, out var v) && v is not null ? v : m.Value);

    private static string CreatePrivateDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nbrun-kernel-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static void DeleteQuietly(string file, string? directory)
    {
        try
        {
            File.Delete(file);
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
