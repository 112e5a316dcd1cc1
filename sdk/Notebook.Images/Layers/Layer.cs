namespace Notebook.Images;

/// <summary>A built or pulled layer: the compressed blob (digest, size, media type) and the diff_id of its tar.</summary>
public sealed record Layer(string Name, Blob Blob, string DiffId)
{
    /// <summary>True when <see cref="LayerBuilder"/> found this layer already built from the same inputs and wrote nothing.</summary>
    public bool Reused { get; init; }

    public string Digest => Blob.Digest;

    public long Size => Blob.Size;

    public string MediaType => Blob.MediaType;
}
