using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>One file of an artifact: a layer whose <c>org.opencontainers.image.title</c> is <see cref="Name"/> (what ORAS reads).</summary>
public sealed record ArtifactFile(string Name, Blob Content)
{
    public static ArtifactFile FromBytes(string name, string mediaType, byte[] bytes) => new(name, Blob.FromBytes(mediaType, bytes));

    /// <summary>A file on disk; hashed now, read again when uploaded.</summary>
    public static async Task<ArtifactFile> FromFileAsync(string path, string mediaType, string? name = null, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var digest = await Digests.ComputeAsync(stream, cancellationToken).ConfigureAwait(false);
        return new(name ?? Path.GetFileName(path), Blob.FromFile(new Descriptor(mediaType, digest, stream.Length), path));
    }
}

/// <summary>
/// An OCI artifact (image-spec 1.1): an image manifest with an <c>artifactType</c>, the empty config <c>{}</c>,
/// one layer per file and optionally a <c>subject</c> that attaches it to another manifest.
/// </summary>
public sealed record OciArtifact(string ArtifactType, IReadOnlyList<ArtifactFile> Files)
{
    public const string TitleAnnotation = "org.opencontainers.image.title";
    public const string CreatedAnnotation = "org.opencontainers.image.created";
    public const string EmptyMediaType = "application/vnd.oci.empty.v1+json";

    /// <summary>The empty descriptor's bytes <c>{}</c> (image-spec manifest.md, "Guidance for an Empty Descriptor").</summary>
    public static Blob EmptyConfig { get; } = Blob.FromBytes(EmptyMediaType, "{}"u8.ToArray());

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public Descriptor? Subject { get; init; }

    /// <summary>The manifest (canonical JSON) with its config and layer blobs, in push order.</summary>
    public BuiltImage Build()
    {
        if (Files.Count == 0) throw new ArgumentException("An artifact needs at least one file.", nameof(Files));
        var duplicate = Files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two files are named '{duplicate.Key}'.", nameof(Files));

        var layers = Files.Select(f => f.Content.WithDescriptor(f.Content.Descriptor with
        {
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [TitleAnnotation] = f.Name },
        })).ToArray();
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["artifactType"] = ArtifactType,
            ["config"] = CanonicalJson.ToJson(EmptyConfig.Descriptor),
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)CanonicalJson.ToJson(l.Descriptor)).ToArray()),
        };
        if (Subject is { } subject) manifest["subject"] = CanonicalJson.ToJson(subject with { Annotations = null, Platform = null });
        if (Annotations is { Count: > 0 }) manifest["annotations"] = CanonicalJson.ToJson(Annotations);
        return new BuiltImage(Blob.FromBytes(MediaTypes.OciManifest, CanonicalJson.Serialize(manifest)), EmptyConfig, layers);
    }
}
