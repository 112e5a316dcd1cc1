namespace Notebook.Testing;

/// <summary>Where things are: the repository, the shared corpus, the packed SDK.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    public static string Packages => Path.Combine(Root, "artifacts", "packages");

    public static string Samples => Path.Combine(Root, "samples");

    public static string SdkVersion { get; } = ReadSdkVersion();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Notebook.Sdk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Notebook.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static string ReadSdkVersion()
    {
        var props = File.ReadAllText(Path.Combine(FindRoot(), "Directory.Build.props"));
        var start = props.IndexOf("<NotebookSdkVersion>", StringComparison.Ordinal) + "<NotebookSdkVersion>".Length;
        return props[start..props.IndexOf("</NotebookSdkVersion>", StringComparison.Ordinal)];
    }
}

public sealed record ProcessResult(int ExitCode, string Output)
{
    /// <summary>The NBnnnn codes MSBuild reported as errors (canonical format: "error NB1001:").</summary>
    public IReadOnlyList<string> ErrorCodes => Codes("error");

    public IReadOnlyList<string> WarningCodes => Codes("warning");

    private IReadOnlyList<string> Codes(string kind) =>
        System.Text.RegularExpressions.Regex.Matches(Output, $@"\b{kind} (NB\d{{4}}):")
            .Select(m => m.Groups[1].Value).Distinct().ToArray();
}

/// <summary>Runs a program with a bounded time and a clean environment; output is captured whole.</summary>
public static class ProcessRunner
{
    // Variables that would change what a child build does (CI detection, MSBuild of the test host).
    private static readonly string[] s_cleared =
    [
        "CI", "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "TF_BUILD", "ContinuousIntegrationBuild",
        "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
        "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG", "SOURCE_DATE_EPOCH", "NotebookLockedMode",
    ];

    /// <summary>The variables removed from every child's environment.</summary>
    public static IReadOnlyList<string> ClearedVariables => s_cleared;

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        // null removes a variable; the caller's values come last.
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in s_cleared) variables[name] = null;
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
            foreach (var (k, v) in environment) variables[k] = v;

        var result = await Notebook.E2E.Command.RunAsync(fileName, args, timeout ?? TimeSpan.FromMinutes(5), variables, workingDirectory);
        return new ProcessResult(result.ExitCode, result.Output);
    }
}
