namespace Notebook.Images;

/// <summary>What a publish produced: the image, where it went, and what a push did.</summary>
public sealed record PublishedImage(
    NotebookImageInputs Inputs,
    AssembledImage Image,
    IReadOnlyList<string> Destinations,
    string? ArchivePath,
    string? LayoutPath,
    PushResult? Push,
    long UploadedBytes)
{
    /// <summary>The SBOM written (and attached, after a push), or null when none was asked for.</summary>
    public PublishedSbom? Sbom { get; init; }

    /// <summary>The SBOM of each platform's image of an index, in index order (one, <see cref="Sbom"/>, without an index).</summary>
    public IReadOnlyList<PublishedSbom> PlatformSboms { get; init; } = [];

    /// <summary>The image index of a multi-platform image (ContainerRuntimeIdentifiers), else null.</summary>
    public BuiltImageIndex? Index { get; init; }

    /// <summary>Each platform's image in index order; <see cref="Image"/> is the first (the only one without an index).</summary>
    public IReadOnlyList<AssembledImage> PlatformImages { get; init; } = [];

    /// <summary>What the tags name: the index's digest, or the one image's manifest digest.</summary>
    public string Digest => Index?.Digest ?? Image.ManifestDigest;

    /// <summary>The media type of what the tags name.</summary>
    public string MediaType => Index?.Index.MediaType ?? Image.Image.Manifest.MediaType;

    /// <summary>The image by digest: <c>registry/repository@sha256:...</c>.</summary>
    public string Reference => $"{Inputs.ImageName}@{Digest}";

    /// <summary>The image under each of its tags.</summary>
    public IReadOnlyList<string> TaggedReferences => Inputs.Tags.Select(t => $"{Inputs.ImageName}:{t}").ToArray();

    /// <summary>The lines a build shows for the publish ("NAME -> image@digest (tags ...)"), the push's counts last.</summary>
    public IReadOnlyList<string> Summary(string projectName)
    {
        var lines = new List<string>
        {
            $"{projectName} -> {Reference} (tags {string.Join(", ", Inputs.Tags)}; {string.Join(", ", Destinations)})",
        };
        if (Push is { } push)
            lines.Add($"{projectName} -> pushed to {Inputs.Registry}/{push.Repository}: {push.Uploaded.Count} blobs uploaded ({UploadedBytes} bytes), {push.Mounted.Count} mounted, {push.Skipped.Count} already present.");
        return lines;
    }
}
