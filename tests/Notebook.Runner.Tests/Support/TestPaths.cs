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

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "nbrun-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
