using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>What an artifact push published.</summary>
public sealed record ArtifactPushResult(string Registry, string Repository, string Digest, string? Tag, Descriptor? Subject, bool RegistryIndexedSubject)
{
    /// <summary>The artifact by digest, e.g. <c>registry.example.com/runs@sha256:...</c>.</summary>
    public string Reference => $"{Registry}/{Repository}@{Digest}";
}

/// <summary>
/// Pushes an <see cref="OciArtifact"/> with a <see cref="RegistryClient"/>: blobs (present ones skipped), the manifest
/// by digest, then its tag; with a subject, makes it findable from the subject: a registry that answers with
/// <c>OCI-Subject</c> lists it in its referrers API already, for any other the <c>sha256-HEX</c> fallback index is
/// updated (distribution-spec 1.1, "Pushing Manifests with Subject").
/// </summary>
public sealed class ArtifactPusher(RegistryClient client, IDiagnosticLog? log = null)
{
    /// <summary>How often the fallback index is re-read and re-written when a concurrent push replaced it.</summary>
    public int FallbackAttempts { get; init; } = 5;

    /// <summary>The descriptor (media type, digest, size) of <paramref name="subject"/> in this client's registry, or null when it has none.</summary>
    public Task<Descriptor?> ResolveAsync(ImageReference subject, CancellationToken cancellationToken = default) =>
        client.HeadManifestAsync(subject.Repository, subject.ManifestReference, cancellationToken);

    public async Task<ArtifactPushResult> PushAsync(string repository, string? tag, OciArtifact artifact, CancellationToken cancellationToken = default)
    {
        ImageReference.ValidateRepository(repository);
        if (tag is not null) ImageReference.ValidateTag(tag);
        var built = artifact.Build();
        foreach (var blob in built.Blobs.DistinctBy(b => b.Digest))
        {
            if (!await client.BlobExistsAsync(repository, blob.Digest, push: true, cancellationToken).ConfigureAwait(false))
                await client.UploadBlobAsync(repository, blob, cancellationToken).ConfigureAwait(false);
        }

        var put = await client.PutManifestAsync(repository, built.ManifestDigest, built.Manifest, cancellationToken).ConfigureAwait(false);
        if (tag is not null) await client.PutManifestAsync(repository, tag, built.Manifest, cancellationToken).ConfigureAwait(false);

        var indexed = artifact.Subject is { } subject && put.OciSubject == subject.Digest;
        if (artifact.Subject is not null && !indexed)
            await AddToFallbackIndexAsync(repository, artifact.Subject.Digest, ReferrersIndex.Entry(built, artifact.ArtifactType, artifact.Annotations),
                cancellationToken).ConfigureAwait(false);
        log?.Info($"{client.Registry}/{repository}: artifact {built.ManifestDigest} pushed{(tag is null ? "" : " as " + tag)}"
            + (artifact.Subject is null ? "." : indexed ? "; the registry lists it as a referrer." : "; added to the referrers tag."));
        return new ArtifactPushResult(client.Registry, repository, built.ManifestDigest, tag, artifact.Subject, indexed);
    }

    private async Task AddToFallbackIndexAsync(string repository, string subjectDigest, JsonObject entry, CancellationToken cancellationToken)
    {
        var tag = ReferrersIndex.TagFor(subjectDigest);
        var digest = entry["digest"]!.GetValue<string>();
        for (var attempt = 1; attempt <= FallbackAttempts; attempt++)
        {
            var existing = await client.TryGetManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.MediaType != MediaTypes.OciIndex)
                throw Messages.NB4065_ArtifactPushFailed.Exception($"{client.Registry}/{repository}", client.Registry,
                    $"the tag '{tag}' holds a {existing.MediaType}, not the image index of the referrers tag schema; delete that tag");
            var updated = ReferrersIndex.Add(existing?.Bytes, entry);
            if (updated is null) return;
            await client.PutManifestAsync(repository, tag, Blob.FromBytes(MediaTypes.OciIndex, updated), cancellationToken).ConfigureAwait(false);

            // Read-modify-write with no conditional PUT in distribution 2.8: a run pushing for the same subject at the
            // same moment may have replaced the index with its own; read it back and add the entry again if it is gone.
            var check = await client.TryGetManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
            if (check is not null && ReferrersIndex.Read(check.Bytes).Any(r => r.Digest == digest)) return;
            log?.Info($"{client.Registry}/{repository}: the referrers tag {tag} was replaced by another push; adding {digest} again.");
        }
        throw Messages.NB4065_ArtifactPushFailed.Exception($"{client.Registry}/{repository}", client.Registry,
            $"the referrers tag '{tag}' was replaced by other pushes {FallbackAttempts} times in a row");
    }
}
