using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Writes the SBOM of a published image into the publish folder and, when the image went to a registry, pushes it as
/// an OCI artifact whose <c>subject</c> is the image (the registry's referrers API, or the <c>sha256-HEX</c> tag
/// fallback where it has none). The artifact has no tag of its own and no time but the image's, so publishing the
/// same image again adds nothing.
/// </summary>
public static class SbomPublisher
{
    public static async Task<PublishedSbom> PublishAsync(PublishedImage published, SbomOptions options, RegistryClient? registry,
        IDiagnosticLog log, CancellationToken cancellationToken)
    {
        var bytes = CycloneDxSbom.Create(published, options);
        var path = Path.GetFullPath(options.Path);
        try
        {
            AtomicWrite.WriteIfChanged(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookSdkException(Messages.NB4100_SbomWriteFailed.Create(path, e.Message), e);
        }

        ArtifactPushResult? pushed = null;
        if (registry is not null)
        {
            var artifact = new OciArtifact(CycloneDxSbom.MediaType, [ArtifactFile.FromBytes(CycloneDxSbom.FileName, CycloneDxSbom.MediaType, bytes)])
            {
                Subject = published.Image.Image.Manifest.Descriptor,
                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [OciArtifact.CreatedAnnotation] = SourceDateEpoch.ToRfc3339(published.Inputs.Created),
                },
            };
            try
            {
                pushed = await new ArtifactPusher(registry, log).PushAsync(published.Inputs.Repository, null, artifact, cancellationToken).ConfigureAwait(false);
            }
            catch (NotebookSdkException e)
            {
                throw new NotebookSdkException(Messages.NB4101_SbomPushFailed.Create(published.Reference, e.Diagnostic.Message), e);
            }
        }
        return new PublishedSbom(path, Digests.Compute(bytes), bytes.LongLength, pushed);
    }
}
