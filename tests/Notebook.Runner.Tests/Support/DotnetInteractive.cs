using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace Notebook.Runner.Tests.Support;

/// <summary>
/// The real .NET Interactive kernel: the served <c>Microsoft.dotnet-interactive</c> tool installed into a tool path
/// of this test run (about 10 s), and a <c>.net-csharp</c> kernelspec in a JUPYTER_PATH of its own that starts it as an
/// image would: <c>--http-local-only</c>, workstation GC, telemetry off. Installing fails the tests; nothing skips.
/// </summary>
public sealed class DotnetInteractive : IAsyncLifetime
{
    public const string Version = "1.0.712001";

    public string Root { get; } = TestPaths.NewTempDirectory();

    public string JupyterPath => Path.Combine(Root, "jupyter");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["JUPYTER_PATH"] = JupyterPath,
        // Packages the kernel restores must not come from, or go to, the user's caches.
        ["DOTNET_CLI_HOME"] = Path.Combine(Root, "home"),
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
    };

    public async Task InitializeAsync()
    {
        var tools = Path.Combine(Root, "tools");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "tool", "install", "Microsoft.dotnet-interactive", "--version", Version, "--tool-path", tools }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("dotnet tool install Microsoft.dotnet-interactive took more than 3 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet tool install Microsoft.dotnet-interactive failed ({process.ExitCode}): {await stdout}{await stderr}");

        var spec = Path.Combine(JupyterPath, "kernels", ".net-csharp");
        Directory.CreateDirectory(spec);
        var kernel = new JsonObject
        {
            ["argv"] = new JsonArray(Path.Combine(tools, "dotnet-interactive"), "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["env"] = new JsonObject
            {
                ["DOTNET_gcServer"] = "0",
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            },
        };
        await File.WriteAllTextAsync(Path.Combine(spec, "kernel.json"), kernel.ToJsonString());
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }
}
