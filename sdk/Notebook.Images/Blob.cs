namespace Notebook.Images;

/// <summary>An OCI content descriptor: what a manifest or index says about one blob.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Set on index entries: the platform the manifest is for.</summary>
    public Platform? Platform { get; init; }
}

/// <summary>The platform of an index entry (OCI image-index, "platform").</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static Platform LinuxAmd64 { get; } = new("linux", "amd64");

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}

/// <summary>
/// A blob with its descriptor and a way to read its bytes: held in memory, in a file, or fetched on demand
/// (base image layers are only downloaded when a destination needs their bytes).
/// </summary>
public sealed class Blob
{
    private readonly byte[]? _bytes;
    private readonly string? _path;
    private readonly Func<CancellationToken, Task<Stream>>? _open;

    private Blob(Descriptor descriptor, byte[]? bytes, string? path, Func<CancellationToken, Task<Stream>>? open)
    {
        Descriptor = descriptor;
        _bytes = bytes;
        _path = path;
        _open = open;
    }

    public Descriptor Descriptor { get; }

    public string Digest => Descriptor.Digest;

    public long Size => Descriptor.Size;

    public string MediaType => Descriptor.MediaType;

    /// <summary>The file holding the bytes, when there is one.</summary>
    public string? FilePath => _path;

    public static Blob FromBytes(string mediaType, byte[] bytes) =>
        new(new Descriptor(mediaType, Digests.Compute(bytes), bytes.Length), bytes, null, null);

    public static Blob FromFile(Descriptor descriptor, string path) => new(descriptor, null, path, null);

    public static Blob FromSource(Descriptor descriptor, Func<CancellationToken, Task<Stream>> open) => new(descriptor, null, null, open);

    /// <summary>The bytes when held in memory (configs and manifests), else null.</summary>
    public byte[]? Bytes => _bytes;

    public async Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        if (_bytes is not null) return new MemoryStream(_bytes, writable: false);
        if (_path is not null) return new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return await _open!(cancellationToken).ConfigureAwait(false);
    }

    public Blob WithDescriptor(Descriptor descriptor) => new(descriptor, _bytes, _path, _open);
}
