using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>Tags derived from a version (ARCHITECTURE.md section 3).</summary>
public static partial class ImageTags
{
    /// <summary>
    /// "1.4.0" gives 1.4.0, 1.4, 1, latest; a prerelease ("1.4.0-beta.1") gives only itself. SemVer build
    /// metadata ("+sha") is dropped: '+' is not allowed in a tag. Anything else that is not a valid tag is NB4007.
    /// </summary>
    public static IReadOnlyList<string> FromVersion(string version)
    {
        var plus = version.IndexOf('+');
        var core = (plus >= 0 ? version[..plus] : version).Trim();
        var match = Release().Match(core);
        if (!match.Success) return [ImageReference.ValidateTag(core)];
        var (major, minor) = (match.Groups[1].Value, match.Groups[2].Value);
        return [core, $"{major}.{minor}", major, "latest"];
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex Release();
}
