namespace Notebook.Images;

/// <summary>
/// Lists the manifests attached to a subject: the referrers API first, then the <c>sha256-HEX</c> tag of the
/// referrers tag schema for registries without it (distribution 2.8).
/// </summary>
public sealed class ReferrersReader(RegistryClient client)
{
    public async Task<IReadOnlyList<Referrer>> ListAsync(string repository, string subjectDigest, string? artifactType = null,
        CancellationToken cancellationToken = default)
    {
        var api = await client.GetReferrersAsync(repository, subjectDigest, artifactType, cancellationToken).ConfigureAwait(false);
        if (api is not null) return ReferrersIndex.Read(api.Bytes, artifactType);
        var fallback = await client.TryGetManifestAsync(repository, ReferrersIndex.TagFor(subjectDigest), cancellationToken).ConfigureAwait(false);
        return fallback is null || !MediaTypes.IsIndex(fallback.MediaType) ? [] : ReferrersIndex.Read(fallback.Bytes, artifactType);
    }
}
