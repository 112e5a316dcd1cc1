namespace Notebook.Images;

// Multi-platform push: each platform's image by digest, then the index that lists them, by digest and by tag.
public sealed partial class RegistryClient
{
    /// <summary>
    /// Pushes a multi-platform image: every platform's blobs and manifest (by digest, untagged), then the index by
    /// digest and each tag, so a tag never names an index whose manifests are not there yet. Blobs the platforms
    /// share (the notebooks layer) are sent once.
    /// </summary>
    public async Task<PushResult> PushIndexAsync(string repository, BuiltImageIndex index, IReadOnlyList<string> tags, string? mountFrom = null,
        CancellationToken cancellationToken = default)
    {
        ImageReference.ValidateRepository(repository);
        foreach (var tag in tags) ImageReference.ValidateTag(tag);
        List<string> uploaded = [], mounted = [], skipped = [];
        foreach (var platform in index.Images)
        {
            var pushed = await PushAsync(repository, platform.Image, [], mountFrom, cancellationToken).ConfigureAwait(false);
            uploaded.AddRange(pushed.Uploaded);
            mounted.AddRange(pushed.Mounted);
            skipped.AddRange(pushed.Skipped.Except(uploaded).Except(mounted));
        }

        await PutManifestAsync(repository, index.Digest, index.Index, cancellationToken).ConfigureAwait(false);
        foreach (var tag in tags) await PutManifestAsync(repository, tag, index.Index, cancellationToken).ConfigureAwait(false);
        return new PushResult(repository, index.Digest, tags, uploaded, mounted, skipped.Distinct().ToArray());
    }
}
