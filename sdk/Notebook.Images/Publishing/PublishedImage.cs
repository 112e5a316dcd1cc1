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
    /// <summary>The image by digest: <c>registry/repository@sha256:...</c>.</summary>
    public string Reference => $"{Inputs.ImageName}@{Image.ManifestDigest}";

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
