using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Notebook.Dependencies.Tests;

/// <summary>
/// A PEP 503 "simple" index of wheels written by <see cref="WheelBuilder"/>, served by <c>python3 -m http.server</c>
/// on a free loopback port. pip reads it as a real index.
/// </summary>
public sealed class PackageIndex : IAsyncDisposable
{
    private readonly Process _server;

    private PackageIndex(string root, int port, Process server)
    {
        Root = root;
        Port = port;
        _server = server;
    }

    public string Root { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/simple/";

    /// <summary>Environment for pip: this index only, no cache, no config files, no find-links of the machine.</summary>
    public Dictionary<string, string?> PipEnvironment() => ForIndex(Url);

    public static Dictionary<string, string?> ForIndex(string url) => new()
    {
        ["PIP_INDEX_URL"] = url,
        ["PIP_EXTRA_INDEX_URL"] = null,
        ["PIP_FIND_LINKS"] = null,
        ["PIP_NO_CACHE_DIR"] = "1",
        ["PIP_CONFIG_FILE"] = "/dev/null",
        ["PIP_RETRIES"] = "1",
        ["PIP_DEFAULT_TIMEOUT"] = "10",
    };

    /// <summary>The sha256 of the one wheel of NAME VERSION whose file name ends in TAG.whl, as a lock pins it.</summary>
    public string WheelSha256(string name, string version, string tag = "py3-none-any") => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(
        Directory.GetFiles(Path.Combine(Root, "simple", PackageName.Normalize(name)), $"*-{version}-{tag}.whl").Single())));

    /// <summary>A dead index: a loopback port nothing listens on.</summary>
    public static string DeadUrl => $"http://127.0.0.1:{FreePort()}/simple/";

    public static async Task<PackageIndex> StartAsync(Action<PackageIndex.Builder> fill)
    {
        var root = Directory.CreateTempSubdirectory("nbdeps-index-").FullName;
        fill(new Builder(root));
        WritePages(root);
        var port = FreePort();
        var psi = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-m", "http.server", "--bind", "127.0.0.1", port.ToString(), "--directory", root }) psi.ArgumentList.Add(a);
        var server = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start: install python3 (Debian: apt-get install python3)");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var index = new PackageIndex(root, port, server);
        await index.WaitUntilServingAsync();
        return index;
    }

    /// <summary>Changes the bytes of a served wheel (the index page keeps the old hash in its link... so rewrite it too).</summary>
    public void Tamper(string name, string version)
    {
        var wheel = Directory.GetFiles(Path.Combine(Root, "simple", name), $"*-{version}-*.whl").Order(StringComparer.Ordinal).First();
        File.AppendAllText(wheel, "tampered");
        WritePages(Root);
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_server.HasExited) throw new InvalidOperationException("python3 -m http.server exited with " + _server.ExitCode);
            try
            {
                using var response = await http.GetAsync(Url);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the test index did not answer within 15 s");
    }

    private static void WritePages(string root)
    {
        var simple = Path.Combine(root, "simple");
        Directory.CreateDirectory(simple);
        var top = new StringBuilder("<!DOCTYPE html><html><body>\n");
        foreach (var dir in Directory.GetDirectories(simple).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            top.Append($"<a href=\"{name}/\">{name}</a>\n");
            var page = new StringBuilder("<!DOCTYPE html><html><body>\n");
            foreach (var wheel in Directory.GetFiles(dir, "*.whl").Order(StringComparer.Ordinal))
            {
                var file = Path.GetFileName(wheel);
                var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel)));
                page.Append($"<a href=\"{file}#sha256={hash}\">{file}</a>\n");
            }
            File.WriteAllText(Path.Combine(dir, "index.html"), page.Append("</body></html>\n").ToString());
        }
        File.WriteAllText(Path.Combine(simple, "index.html"), top.Append("</body></html>\n").ToString());
    }

    private static int FreePort() => Notebook.E2E.LocalRegistry.FreePort();

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _server.WaitForExitAsync(cts.Token);
        }
        _server.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    public sealed class Builder(string root)
    {
        public Builder Wheel(string name, string version, string[]? requires = null, string? consoleScript = null, string? importName = null,
            string? moduleSource = null, string tag = "py3-none-any")
        {
            WheelBuilder.Write(Path.Combine(root, "simple", PackageName.Normalize(name)), name, version, requires, consoleScript, importName, moduleSource, tag);
            return this;
        }
    }
}
