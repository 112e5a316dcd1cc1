using Notebook.Diagnostics;
namespace Notebook.Images;

/// <summary>
/// Base image blobs on disk by digest (<c>DIR/blobs/sha256/HEX</c>). A file only appears there after its
/// digest was checked, so a present file is trusted; concurrent writers race harmlessly (same bytes).
/// </summary>
public sealed class BlobCache(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string PathFor(string digest) => Path.Combine(Directory, "blobs", "sha256", Digests.Hex(digest));

    public bool Contains(string digest) => File.Exists(PathFor(digest));

    /// <summary>The cached file for <paramref name="digest"/>, downloading it from the registry first when missing.</summary>
    public async Task<string> GetOrDownloadAsync(RegistryClient client, string repository, string digest, CancellationToken cancellationToken)
    {
        var path = PathFor(digest);
        if (File.Exists(path)) return path;
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Content-addressed: when another publish finished the same blob first, its file is kept.
        await AtomicWrite.WriteAsync(path, (file, token) => client.DownloadBlobAsync(repository, digest, file, token),
            overwrite: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        return path;
    }
}
