namespace Notebook.Images;

/// <summary>A pulled base image: what its reference resolved to, its config and its layers (not yet downloaded).</summary>
public sealed record BaseImage(
    ImageReference Reference,
    string Digest,
    string ManifestDigest,
    string ManifestMediaType,
    byte[] Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<string> DiffIds)
{
    /// <summary>The reference pinned to the digest it resolved to (what the lock records).</summary>
    public ImageReference PinnedReference => Reference.WithDigest(Digest);
}
