using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Notebook.E2E;

/// <summary>A Python script run with Debian's python3 (its jupyter_client), a third-party Jupyter client for tests, with lines read as they come.</summary>
public sealed class PythonClient : IDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _all = new();
    private readonly string _script;

    public PythonClient(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nbe2e-client-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        _script = file;
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(file);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment)
            if (v is null) info.Environment.Remove(k); else info.Environment[k] = v;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } l) { lock (_all) _all.AppendLine(l); _lines.Writer.TryWrite(l); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (_all) _all.AppendLine(l); };
        _process.Exited += (_, _) => _lines.Writer.TryComplete();
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_all) return _all.ToString(); }
    }

    /// <summary>The next stdout line that is a JSON array whose first item is <paramref name="tag"/>.</summary>
    public async Task<JsonArray> WaitForAsync(string tag, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cts.Token))
                if (line.StartsWith('[') && JsonNode.Parse(line) is JsonArray a && a[0]?.GetValue<string>() == tag) return a;
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"no '{tag}' line from the client within {timeout}; its output:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { File.Delete(_script); } catch (IOException) { }
    }
}

/// <summary>kill(2) itself: procps' kill(1) reads "-9 -PID" ambiguously (a process group needs "--").</summary>
public static class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>Sends the signal to a process, or to a process group when <paramref name="pid"/> is negative; false when nothing got it.</summary>
    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
