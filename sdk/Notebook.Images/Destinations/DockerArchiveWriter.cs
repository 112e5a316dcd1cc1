using Notebook.Diagnostics;
using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// Writes the tar <c>docker load</c> reads: <c>manifest.json</c> = <c>[{"Config","RepoTags","Layers"}]</c> plus the
/// blobs under <c>blobs/sha256/</c> (layers stay gzip'd; docker load detects that). Entries are written like a
/// reproducible layer (sorted, fixed time, uid/gid 0), so the same image gives the same archive bytes.
/// </summary>
public sealed class DockerArchiveWriter(string imageName, DateTimeOffset? timestamp = null)
{
    /// <summary>The repository name for RepoTags, e.g. <c>registry.example.com/analytics/daily-report</c>.</summary>
    public string ImageName { get; } = imageName;

    public async Task WriteAsync(BuiltImage image, IReadOnlyList<string> tags, Stream output, CancellationToken cancellationToken = default)
    {
        var time = timestamp ?? SourceDateEpoch.Default;
        string BlobPath(Blob b) => "blobs/sha256/" + Digests.Hex(b.Digest);
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = BlobPath(image.Config),
            ["RepoTags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create($"{ImageName}:{t}")).ToArray()),
            ["Layers"] = new JsonArray(image.Layers.Select(l => (JsonNode?)JsonValue.Create(BlobPath(l))).ToArray()),
        });

        await using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        await WriteDirectoryAsync(tar, "blobs/", time, cancellationToken).ConfigureAwait(false);
        await WriteDirectoryAsync(tar, "blobs/sha256/", time, cancellationToken).ConfigureAwait(false);
        foreach (var blob in image.Blobs.DistinctBy(b => b.Digest).OrderBy(b => b.Digest, StringComparer.Ordinal))
        {
            await using var stream = await blob.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await WriteFileAsync(tar, BlobPath(blob), stream, time, cancellationToken).ConfigureAwait(false);
        }
        await WriteFileAsync(tar, "manifest.json", new MemoryStream(CanonicalJson.Serialize(manifest)), time, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(BuiltImage image, IReadOnlyList<string> tags, string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await AtomicWrite.WriteAsync(full, async (file, token) =>
        {
            if (IsGzipPath(full))
            {
                // docker load takes a gzipped archive as it is; the header is fixed, so the bytes stay reproducible.
                await using var gzip = new ReproducibleGzipStream(file);
                await WriteAsync(image, tags, gzip, token).ConfigureAwait(false);
                await gzip.FinishAsync(token).ConfigureAwait(false);
            }
            else await WriteAsync(image, tags, file, token).ConfigureAwait(false);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A path ending in .tar.gz or .tgz gets a gzipped archive (as the .NET SDK's ContainerArchiveOutputPath does).</summary>
    public static bool IsGzipPath(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    private static Task WriteDirectoryAsync(TarWriter tar, string name, DateTimeOffset time, CancellationToken cancellationToken) =>
        tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, name)
        {
            Mode = (UnixFileMode)0b111_101_101, ModificationTime = time, UserName = "", GroupName = "",
        }, cancellationToken);

    private static Task WriteFileAsync(TarWriter tar, string name, Stream data, DateTimeOffset time, CancellationToken cancellationToken) =>
        tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)0b110_100_100, ModificationTime = time, UserName = "", GroupName = "", DataStream = data,
        }, cancellationToken);
}

/// <summary>A docker-archive tar file as a destination.</summary>
public sealed class DockerArchiveDestination(string path, string imageName, DateTimeOffset? timestamp = null) : IImageDestination
{
    public Task PublishAsync(BuiltImage image, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        new DockerArchiveWriter(imageName, timestamp).WriteAsync(image, tags, path, cancellationToken);
}
