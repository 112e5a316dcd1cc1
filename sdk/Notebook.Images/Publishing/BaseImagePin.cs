using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// The base reference to pull: ContainerBaseImage, pinned to NotebookBaseImageDigest when that is set, so a tag that
/// moved since the lock was written does not move the image.
/// </summary>
public static partial class BaseImagePin
{
    /// <summary>The reference to pull; an invalid digest is NB4057, a reference that names another digest NB4056.</summary>
    public static ImageReference Apply(string baseImage, string? pinnedDigest)
    {
        var reference = ImageReference.Parse(baseImage);
        if (string.IsNullOrWhiteSpace(pinnedDigest))
            return reference;
        var digest = pinnedDigest.Trim();
        if (!Sha256().IsMatch(digest))
            throw Messages.NB4057_InvalidBaseImageDigest.Exception(digest);
        if (reference.Digest is { } named && !string.Equals(named, digest, StringComparison.Ordinal))
            throw Messages.NB4056_BaseImageDigestMismatch.Exception(baseImage, named, digest);
        return reference.WithDigest(digest);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
