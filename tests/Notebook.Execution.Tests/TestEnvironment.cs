using System.Diagnostics;
using Notebook.Execution.Kernels;

namespace Notebook.Execution.Tests;

/// <summary>Shared facts of the test machine: the real ipykernel, the repo root and the corpus.</summary>
internal static class TestEnvironment
{
    private static readonly Lazy<string?> s_ipykernelProblem = new(ProbeIpykernel);

    /// <summary>The python3 kernelspec, after checking that ipykernel imports (fails with what to install).</summary>
    public static KernelSpec PythonKernel()
    {
        if (s_ipykernelProblem.Value is { } problem)
        {
            throw new InvalidOperationException(
                $"These tests need a real ipykernel for /usr/bin/python3: {problem}. Install it with 'apt-get install python3-ipykernel'.");
        }

        return new KernelSpecFinder().Find("python3");
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Notebook.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Notebook.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    public static string CorpusDirectory(string name) => Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpus", name));

    public static string CreateTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "nbexec-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Whether a process with this id still exists (zombies of our own children count as gone).</summary>
    public static bool ProcessExists(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? ProbeIpykernel()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import ipykernel"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                return "'/usr/bin/python3 -c \"import ipykernel\"' did not finish in 30 s";
            }

            return process.ExitCode == 0 ? null : $"'import ipykernel' failed: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"/usr/bin/python3 could not be run ({e.Message})";
        }
    }
}
