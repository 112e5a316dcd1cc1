using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The dependencies path on a real engine: a wheel in a local PEP 503 index, `dotnet publish` writes the lock at
/// restore and installs it into the image's dependency layer, and the notebook imports the package inside a
/// container that has no network (docs/dependencies.md).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LockedDependencyImageTests(EngineFixture fixture)
{
    private const string DependencyFolder = "/opt/notebook-sdk/site-packages";

    [Fact]
    public async Task A_notebook_imports_a_locked_package_from_the_dependency_layer_without_network()
    {
        await using var index = await TinyIndex.StartAsync();
        using var project = NewProject();

        var publish = await project.DotnetAsync(
            ["publish", project.ProjectPath, "-c", "Release", "-v:n",
             $"-p:ContainerRegistry={fixture.Registry.Host}", $"-p:ContainerBaseImage={fixture.BaseImage}",
             "-p:NotebookPythonVersion=3.11"],
            PipEnvironment(index.Url), TimeSpan.FromMinutes(6));

        publish.ExitCode.ShouldBe(0, publish.Output);
        publish.Output.ShouldContain("NB3034");
        publish.WarningCodes.ShouldNotContain("NB3050", "the import check should find tinygreet in the lock");
        var lockText = File.ReadAllText(Path.Combine(project.Directory, "requirements.lock"));
        lockText.ShouldContain("# python-version: 3.11\n");
        lockText.ShouldContain($"tinygreet==1.0 \\\n    --hash=sha256:{index.WheelSha256}\n");

        using var imageJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "bin", "Release", "publish", "image.json")));
        var reference = $"{fixture.Registry.Host}/e2e/locked-greet@{imageJson.RootElement.GetProperty("digest").GetString()}";
        await fixture.Daemon.DockerCheckedAsync(["pull", "-q", reference], TimeSpan.FromMinutes(3));
        using var output = ReportImage.NewOutputFolder();

        var run = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "-v", $"{output.Path}:/app/output", reference, "-p", "name=Ada"], TimeSpan.FromMinutes(3));

        run.ExitCode.ShouldBe(0, run.Output);
        var notebook = File.ReadAllText(Path.Combine(output.Path, "greet.ipynb"));
        ReportImageTests.OutputTypes(notebook, "greet").ShouldBe(["stream"]);
        ReportImageTests.OutputText(notebook, "greet").ShouldContain("tiny hello, Ada");

        var where = await fixture.Daemon.DockerAsync(
            ["run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/python3", reference, "-c",
             "import importlib.metadata, tinygreet; print(tinygreet.__file__); print(importlib.metadata.version('tinygreet'))"],
            TimeSpan.FromMinutes(2));

        where.ExitCode.ShouldBe(0, where.Output);
        where.Output.Trim().Split('\n').ShouldBe([$"{DependencyFolder}/tinygreet/__init__.py", "1.0"]);
    }

    private static TestProject NewProject()
    {
        var project = new TestProject("greet", TestProject.ProjectXml("""
            <Version>1.0.0</Version>
            <ContainerRepository>e2e/locked-greet</ContainerRepository>
            """));
        SdkFeed.Use(project);
        project.Write("requirements.txt", "tinygreet==1.0\n");
        project.Write("greet.ipynb", NotebookJson(
            ("parameters", "name = \"x\"\n", true),
            ("greet", "import tinygreet\nprint(tinygreet.greet(name))\n", false)));
        return project;
    }

    private static string NotebookJson(params (string Id, string Source, bool Parameters)[] cells)
    {
        var list = new JsonArray();
        foreach (var (id, source, parameters) in cells)
        {
            var metadata = new JsonObject();
            if (parameters) metadata["tags"] = new JsonArray(JsonValue.Create("parameters"));
            list.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = id,
                ["metadata"] = metadata,
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }
        return new JsonObject
        {
            ["cells"] = list,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "Python 3", ["language"] = "python", ["name"] = "python3" },
                ["language_info"] = new JsonObject { ["name"] = "python" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }

    /// <summary>pip sees this index only: no cache, no config files, no extra indexes of the machine.</summary>
    private static Dictionary<string, string?> PipEnvironment(string indexUrl) => new()
    {
        ["PIP_INDEX_URL"] = indexUrl,
        ["PIP_EXTRA_INDEX_URL"] = null,
        ["PIP_FIND_LINKS"] = null,
        ["PIP_NO_CACHE_DIR"] = "1",
        ["PIP_CONFIG_FILE"] = "/dev/null",
        ["PIP_RETRIES"] = "1",
        ["PIP_DEFAULT_TIMEOUT"] = "10",
    };

    /// <summary>
    /// A PEP 503 index holding one wheel, tinygreet 1.0 (py3-none-any, PEP 427), served by `python3 -m http.server`
    /// on a free loopback port. (tests/Notebook.Dependencies.Tests/Support writes wheels with a fixed module body,
    /// so this one is written here.)
    /// </summary>
    private sealed class TinyIndex : IAsyncDisposable
    {
        private readonly Process _server;
        private readonly string _root;

        private TinyIndex(string root, Process server, int port, string wheelSha256)
        {
            _root = root;
            _server = server;
            Url = $"http://127.0.0.1:{port}/simple/";
            WheelSha256 = wheelSha256;
        }

        public string Url { get; }

        public string WheelSha256 { get; }

        public static async Task<TinyIndex> StartAsync()
        {
            var root = Directory.CreateTempSubdirectory("nbe2e-index-").FullName;
            var packageFolder = Path.Combine(root, "simple", "tinygreet");
            Directory.CreateDirectory(packageFolder);
            const string wheelName = "tinygreet-1.0-py3-none-any.whl";
            var wheel = WriteWheel(Path.Combine(packageFolder, wheelName));
            var sha = Convert.ToHexStringLower(SHA256.HashData(wheel));
            File.WriteAllText(Path.Combine(packageFolder, "index.html"),
                $"<!DOCTYPE html><html><body>\n<a href=\"{wheelName}#sha256={sha}\">{wheelName}</a>\n</body></html>\n");
            File.WriteAllText(Path.Combine(root, "simple", "index.html"),
                "<!DOCTYPE html><html><body>\n<a href=\"tinygreet/\">tinygreet</a>\n</body></html>\n");

            var port = FreePort();
            var psi = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-m", "http.server", "--bind", "127.0.0.1", port.ToString(), "--directory", root }) psi.ArgumentList.Add(a);
            var server = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start: apt-get install python3");
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            var index = new TinyIndex(root, server, port, sha);
            try
            {
                await index.WaitUntilServingAsync();
            }
            catch
            {
                await index.DisposeAsync();
                throw;
            }
            return index;
        }

        private static byte[] WriteWheel(string path)
        {
            const string distInfo = "tinygreet-1.0.dist-info";
            var files = new List<(string Path, string Text)>
            {
                ("tinygreet/__init__.py", "def greet(name):\n    return f\"tiny hello, {name}\"\n"),
                ($"{distInfo}/METADATA", "Metadata-Version: 2.1\nName: tinygreet\nVersion: 1.0\n"),
                ($"{distInfo}/WHEEL", "Wheel-Version: 1.0\nGenerator: notebook-sdk-e2e\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
                ($"{distInfo}/top_level.txt", "tinygreet\n"),
            };
            var record = new StringBuilder();
            foreach (var (file, text) in files)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                record.Append($"{file},sha256={hash},{bytes.Length}\n");
            }
            files.Add(($"{distInfo}/RECORD", record.Append($"{distInfo}/RECORD,,\n").ToString()));
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                foreach (var (file, text) in files)
                {
                    var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
                    entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    using var stream = entry.Open();
                    stream.Write(Encoding.UTF8.GetBytes(text));
                }
            }
            return File.ReadAllBytes(path);
        }

        private async Task WaitUntilServingAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(15))
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

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _server.WaitForExitAsync(cts.Token);
            }
            _server.Dispose();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }
}
