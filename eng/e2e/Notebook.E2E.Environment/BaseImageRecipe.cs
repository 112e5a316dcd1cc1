using System.Security.Cryptography;
using System.Text;

namespace Notebook.E2E;

/// <summary>
/// What the end-to-end base image is: Debian minbase of one suite plus packages, from one mirror. Its key
/// names the cache entry, so a change of any input builds a new base.
/// </summary>
public sealed record BaseImageRecipe(string Mirror, string Suite = "bookworm", string Packages = "python3-ipykernel")
{
    /// <summary>Bump when the way the rootfs is made or cleaned changes.</summary>
    public const int BuilderVersion = 1;

    /// <summary>The repository and tag the tests and the main job use in the local registry.</summary>
    public const string Repository = "e2e/base";

    public string Tag => $"{Suite}-ipykernel";

    public string Key
    {
        get
        {
            var text = $"v{BuilderVersion}\nsuite={Suite}\nvariant=minbase\npackages={Packages}\nmirror={Mirror}\narch=amd64\n";
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }

    public static BaseImageRecipe ForThisMachine() => new(DebianMirror.Find());
}

/// <summary>Where built base layers are kept between runs: NOTEBOOK_E2E_CACHE, else $XDG_CACHE_HOME or ~/.cache, then notebook-sdk-e2e.</summary>
public static class E2ECache
{
    public const string Variable = "NOTEBOOK_E2E_CACHE";

    public static string Directory
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen) return Path.GetFullPath(chosen);
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "notebook-sdk-e2e");
        }
    }
}
