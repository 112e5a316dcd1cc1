using System.Text.RegularExpressions;

namespace Notebook.Dependencies;

/// <summary>
/// What the packages are resolved for: the image's Python version and platform, and the base image.
/// <paramref name="Platform"/> names the newest glibc the image has (python:3.12-slim is Debian 12, glibc 2.36);
/// <see cref="PlatformTags"/> expands it, since pip takes only the exact tags it is given.
/// </summary>
public sealed partial record TargetEnvironment(string PythonVersion, string Platform, string? BaseImage = null, string? BaseImageDigest = null)
{
    public const string DefaultPythonVersion = "3.12";
    public const string DefaultPlatform = "manylinux_2_36_x86_64";

    public static TargetEnvironment Default { get; } = new(DefaultPythonVersion, DefaultPlatform);

    /// <summary>
    /// The --platform values for pip: manylinux_2_N_arch expands to every manylinux_2_M_arch with 17 &lt;= M &lt;= N
    /// (newest first) and manylinux2014_arch, which pip itself widens to manylinux2010 and manylinux1.
    /// Any other value (or a ';' list) is passed as written.
    /// </summary>
    public IReadOnlyList<string> PlatformTags
    {
        get
        {
            var given = Platform.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var tags = new List<string>();
            foreach (var tag in given)
            {
                var m = ManylinuxTag().Match(tag);
                if (!m.Success) { tags.Add(tag); continue; }
                var arch = m.Groups["arch"].Value;
                for (var minor = int.Parse(m.Groups["minor"].Value); minor >= 17; minor--) tags.Add($"manylinux_2_{minor}_{arch}");
                tags.Add($"manylinux2014_{arch}");
            }
            return tags.Distinct().ToArray();
        }
    }

    [GeneratedRegex(@"^manylinux_2_(?<minor>\d+)_(?<arch>x86_64|aarch64|i686|ppc64le|s390x|armv7l)$")]
    private static partial Regex ManylinuxTag();
}
