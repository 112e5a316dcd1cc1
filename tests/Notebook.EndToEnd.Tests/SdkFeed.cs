using System.IO.Compression;
using Notebook.Testing;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The package feed the end-to-end projects restore Notebook.Sdk from: artifacts/packages/ (what building
/// tests/Notebook.Testing packs), or NOTEBOOK_E2E_PACKAGES. The images need the real linux-x64 runner inside
/// the package, so a package packed with -p:PackRunner=false is refused with a message.
/// </summary>
public static class SdkFeed
{
    public const string Variable = "NOTEBOOK_E2E_PACKAGES";

    public static string Directory { get; } = Find();

    /// <summary>Points a copied project's NuGet.config at the feed.</summary>
    public static void Use(TestProject project) =>
        File.WriteAllText(Path.Combine(project.Directory, "NuGet.config"), TestProject.NuGetConfig(Directory));

    private static string Find()
    {
        var folder = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen ? Path.GetFullPath(chosen) : Repo.Packages;
        var package = Path.Combine(folder, $"Notebook.Sdk.{Repo.SdkVersion}.nupkg");
        if (!File.Exists(package))
            throw new InvalidOperationException($"{package} is missing: build tests/Notebook.Testing (it packs the SDK) or set {Variable}.");
        using var zip = ZipFile.OpenRead(package);
        if (zip.GetEntry("tools/linux-x64/nbrun") is null)
            throw new InvalidOperationException($"{package} has no tools/linux-x64/nbrun (packed with -p:PackRunner=false?). " +
                $"Pack it with the runner: dotnet pack sdk/Notebook.Sdk -c Release, or set {Variable} to a folder holding such a package.");
        return folder;
    }
}
