namespace Notebook.E2E;

/// <summary>
/// Tools the tests check against that come from npm, each installed once with `npm install --prefix` into its own
/// folder of the e2e cache (NOTEBOOK_E2E_CACHE or ~/.cache/notebook-sdk-e2e), pinned by version. No npm: it fails.
/// </summary>
public static class NpmTool
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    /// <summary>
    /// The prefix folder of <paramref name="name"/> with <paramref name="packages"/> (name@version each) installed, once;
    /// <paramref name="marker"/> (relative to the prefix) tells that an earlier install finished.
    /// </summary>
    public static async Task<string> InstallAsync(string name, IReadOnlyList<string> packages, string marker)
    {
        await s_gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var prefix = Path.Combine(E2ECache.Directory, "npm", name);
            if (File.Exists(Path.Combine(prefix, marker))) return prefix;
            var npm = Command.Require("npm", "apt-get install npm (or Node.js with npm)");
            Directory.CreateDirectory(prefix);
            var install = await Command.RunAsync(npm, ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", .. packages],
                TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            if (install.ExitCode != 0 || !File.Exists(Path.Combine(prefix, marker)))
                throw new InvalidOperationException($"npm could not install {string.Join(' ', packages)} into {prefix} (exit {install.ExitCode}):\n{install.Output}");
            return prefix;
        }
        finally
        {
            s_gate.Release();
        }
    }
}
