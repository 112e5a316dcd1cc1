using Notebook.E2E;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The real GitHub Actions schema validator from npm (@action-validator/cli), installed once into the e2e cache
/// (NOTEBOOK_E2E_CACHE or ~/.cache/notebook-sdk-e2e) with `npm install --prefix`. No npm, no test: it fails.
/// </summary>
public static class ActionValidator
{
    public const string Package = "@action-validator/cli";
    public const string Version = "0.6.0";

    private static readonly SemaphoreSlim s_gate = new(1, 1);

    public static async Task<CommandResult> ValidateAsync(string file)
    {
        var tool = await InstallAsync();
        return await Command.RunAsync(tool, [file], TimeSpan.FromMinutes(1));
    }

    private static async Task<string> InstallAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            var prefix = Path.Combine(E2ECache.Directory, "npm", $"action-validator-{Version}");
            var tool = Path.Combine(prefix, "node_modules", ".bin", "action-validator");
            if (File.Exists(tool)) return tool;
            var npm = Command.Require("npm", "apt-get install npm (or Node.js with npm)");
            Directory.CreateDirectory(prefix);
            var install = await Command.RunAsync(npm, ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", $"{Package}@{Version}"], TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0 || !File.Exists(tool))
                throw new InvalidOperationException($"npm could not install {Package}@{Version} into {prefix} (exit {install.ExitCode}):\n{install.Output}");
            return tool;
        }
        finally
        {
            s_gate.Release();
        }
    }
}
