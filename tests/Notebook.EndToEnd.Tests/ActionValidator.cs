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

    public static async Task<CommandResult> ValidateAsync(string file)
    {
        var tool = Path.Combine("node_modules", ".bin", "action-validator");
        var prefix = await NpmTool.InstallAsync($"action-validator-{Version}", [$"{Package}@{Version}"], tool);
        return await Command.RunAsync(Path.Combine(prefix, tool), [file], TimeSpan.FromMinutes(1));
    }
}
