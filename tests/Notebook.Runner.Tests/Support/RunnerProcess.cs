using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Notebook.Runner.Tests.Support;

/// <summary>What one nbrun child process did.</summary>
internal sealed record RunnerResult(int ExitCode, string StandardOutput, string StandardError, string WorkingDirectory)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>
/// Starts the real nbrun (<c>dotnet nbrun.dll</c>, or <see cref="TestPaths.RunnerExecutable"/>) in a folder. Every run carries a unique marker variable that the
/// kernels it starts inherit, so <see cref="LeftoverProcesses"/> can find any process it left behind via /proc.
/// </summary>
internal sealed class RunnerProcess : IDisposable
{
    public const string MarkerVariable = "NBRUN_TEST_MARKER";
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunnerProcess(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        WorkingDirectory = workingDirectory;
        Marker = Guid.NewGuid().ToString("N");
        // NBRUN_TEST_EXECUTABLE runs the suite on another build of nbrun, such as the image's single file.
        var executable = TestPaths.RunnerExecutable();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(executable ?? dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (executable is null) start.ArgumentList.Add(TestPaths.RunnerDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[MarkerVariable] = Marker;
        start.Environment.Remove(NotebookLocatorVariable);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, _stdoutDone);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, _stderrDone);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private const string NotebookLocatorVariable = "NBRUN_NOTEBOOK";

    public string WorkingDirectory { get; }

    public string Marker { get; }

    public int Id => _process.Id;

    public string StandardErrorSoFar
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public static RunnerProcess Start(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new(workingDirectory, args, environment);

    /// <summary>Runs nbrun to the end and checks that no process it started is left.</summary>
    public static async Task<RunnerResult> RunAsync(string workingDirectory, params string[] args) =>
        await RunAsync(workingDirectory, null, args);

    public static async Task<RunnerResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var runner = Start(workingDirectory, args, environment);
        return await runner.WaitAsync(TimeSpan.FromSeconds(90));
    }

    public async Task<RunnerResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_stdoutDone.Task, _stderrDone.Task).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"nbrun did not exit within {timeout}. stderr so far:\n{StandardErrorSoFar}");
        }

        var result = new RunnerResult(_process.ExitCode, _stdout.ToString(), _stderr.ToString(), WorkingDirectory);
        var leftovers = LeftoverProcesses(Marker);
        if (leftovers.Count > 0)
        {
            foreach (var pid in leftovers) Kill(pid, 9);
            throw new InvalidOperationException($"nbrun left processes behind: {string.Join("; ", leftovers.Select(CommandLine))}\n{result}");
        }

        return result;
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>Live processes (zombies excluded) whose environment holds MARKER=<paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> LeftoverProcesses(string marker)
    {
        var needle = Encoding.UTF8.GetBytes($"{MarkerVariable}={marker}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[stat.LastIndexOf(')') + 2] == 'Z') continue;
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (environ.AsSpan().IndexOf(needle) >= 0) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return $"{pid}: " + File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return pid.ToString();
        }
    }

    private static void Append(StringBuilder target, string? line, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }

        lock (target) target.Append(line).Append('\n');
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
