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
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await client.DownloadBlobAsync(repository, digest, file, cancellationToken).ConfigureAwait(false);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
            return path;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
