namespace Notebook.Runner.Tests.Support;

internal static class TestPaths
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Notebook.Sdk.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Notebook.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Corpus(string folder, string file) =>
        Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpus", folder, file));

    /// <summary>The nbrun.dll built beside the tests (the project reference copies it with its runtimeconfig).</summary>
    public static string RunnerDll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "nbrun.dll");
        return File.Exists(path) && File.Exists(Path.Combine(AppContext.BaseDirectory, "nbrun.runtimeconfig.json"))
            ? path
            : throw new InvalidOperationException($"nbrun.dll and nbrun.runtimeconfig.json are missing from {AppContext.BaseDirectory}; build tests/Notebook.Runner.Tests.");
    }

    /// <summary>
    /// The nbrun executable named by NBRUN_TEST_EXECUTABLE (for example the image's linux-x64 single file), or null
    /// for the nbrun.dll beside the tests. A name that is not a file fails the run rather than falling back.
    /// </summary>
    public static string? RunnerExecutable()
    {
        var path = Environment.GetEnvironmentVariable("NBRUN_TEST_EXECUTABLE");
        if (string.IsNullOrEmpty(path)) return null;
        return File.Exists(path) ? Path.GetFullPath(path) : throw new InvalidOperationException($"NBRUN_TEST_EXECUTABLE={path} is not a file.");
    }

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "nbrun-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
