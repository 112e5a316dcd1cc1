namespace Notebook.Testing;

/// <summary>
/// A real .nbproj in its own temp folder, with a NuGet.config that points only at the freshly packed SDK and a
/// NuGet package folder of this test run (the SDK keeps one version, so a shared cache would serve stale bits).
/// </summary>
public sealed class TestProject : IDisposable
{
    private static readonly string s_packagesFolder = CreateRunFolder();

    public TestProject(string name = "job", string? projectXml = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("nbsdk-test-").FullName;
        Name = name;
        File.WriteAllText(Path.Combine(Directory, "NuGet.config"), NuGetConfig(Repo.Packages));
        ProjectPath = Path.Combine(Directory, name + ".nbproj");
        File.WriteAllText(ProjectPath, projectXml ?? ProjectXml());
    }

    public string Directory { get; }

    public string Name { get; }

    public string ProjectPath { get; }

    /// <summary>This run's NuGet package folder, for a child process started without <see cref="RunDotnetAsync"/>.</summary>
    public static string PackagesFolder => s_packagesFolder;

    public static string ProjectXml(string properties = "", string items = "") => $"""
        <Project Sdk="Notebook.Sdk/{Repo.SdkVersion}">
          <PropertyGroup>
        {properties}
          </PropertyGroup>
          <ItemGroup>
        {items}
          </ItemGroup>
        </Project>
        """;

    /// <summary>A NuGet.config with only <paramref name="feed"/> (the SDK's) and the local folder feeds <paramref name="more"/>.</summary>
    public static string NuGetConfig(string feed, params string[] more) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="notebook-sdk" value="{feed}" />
        {string.Concat(more.Select((f, i) => $"    <add key=\"local{i}\" value=\"{f}\" />\n"))}  </packageSources>
        </configuration>
        """;

    /// <summary>
    /// The machine's NuGet packages folder (NUGET_PACKAGES, else ~/.nuget/packages): what this repository's own restore
    /// downloaded, usable as a local folder feed so that a test project's restore needs no network.
    /// </summary>
    public static string MachinePackages => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string CopyIn(string sourceFile, string? relativePath = null)
    {
        var path = Path.Combine(Directory, relativePath ?? Path.GetFileName(sourceFile));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(sourceFile, path, overwrite: true);
        // The corpus is read-only; the copy must not be.
        File.SetAttributes(path, FileAttributes.Normal);
        return path;
    }

    public Task<ProcessResult> DotnetAsync(params string[] args) => DotnetAsync(args, null);

    public Task<ProcessResult> DotnetAsync(IEnumerable<string> args, IDictionary<string, string?>? environment, TimeSpan? timeout = null) =>
        RunDotnetAsync(Directory, args, environment, timeout);

    public static Task<ProcessResult> RunDotnetAsync(string directory, IEnumerable<string> args,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = s_packagesFolder };
        if (environment is not null) foreach (var (k, v) in environment) env[k] = v;
        // `dotnet run` passes what follows "--" to the program; MSBUILDDISABLENODEREUSE (set by ProcessRunner) covers it.
        var list = args.ToList();
        if (list.FirstOrDefault() != "run") list.AddRange(["-nodeReuse:false", "-nologo"]);
        return ProcessRunner.RunAsync("dotnet", list, directory, env, timeout);
    }

    public Task<ProcessResult> BuildAsync(params string[] extra) => DotnetAsync(["build", ProjectPath, "-v:n", .. extra], null);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string CreateRunFolder()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("nbsdk-nuget-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        if (!File.Exists(Path.Combine(Repo.Packages, $"Notebook.Sdk.{Repo.SdkVersion}.nupkg")))
            throw new InvalidOperationException($"Notebook.Sdk.{Repo.SdkVersion}.nupkg is not in {Repo.Packages}: build this test project first (it packs the SDK).");
        return folder;
    }
}
