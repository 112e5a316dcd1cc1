using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Writes the SBOM of a published image (one per platform of an index) into the publish folder and, when the image went
/// to a registry, pushes it as an OCI artifact whose <c>subject</c> is the image (the platform's manifest) (the registry's referrers API, or the <c>sha256-HEX</c> tag
/// fallback where it has none). The artifact has no tag of its own and no time but the image's, so publishing the
/// same image again adds nothing.
/// </summary>
public static class SbomPublisher
{
    /// <summary>
    /// One SBOM per platform manifest, as ko attaches them: a one-platform image's at <see cref="SbomOptions.Path"/>, each
    /// platform's of an index at <see cref="PathFor"/> (sbom.linux-arm64.cdx.json), each the referrer of its own
    /// manifest. In index order.
    /// </summary>
    public static async Task<IReadOnlyList<PublishedSbom>> PublishAllAsync(PublishedImage published, SbomOptions options, RegistryClient? registry,
        IDiagnosticLog log, CancellationToken cancellationToken)
    {
        if (published.Index is null) return [await PublishAsync(published, options, registry, log, cancellationToken).ConfigureAwait(false)];
        var sboms = new List<PublishedSbom>();
        foreach (var (image, sources) in published.PlatformImages.Zip(PlatformSources.All(published.Inputs)))
        {
            var bytes = CycloneDxSbom.Create(published, image, sources, options);
            sboms.Add(await WriteAndAttachAsync(published, image, bytes, PathFor(options.Path, sources.RuntimeIdentifier), registry, log, cancellationToken)
                .ConfigureAwait(false));
        }
        return sboms;
    }

    /// <summary>sbom.cdx.json gives sbom.linux-arm64.cdx.json: the runtime identifier goes after the first name part.</summary>
    public static string PathFor(string path, string runtimeIdentifier)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.');
        var platformName = dot < 0 ? name + "." + runtimeIdentifier : name[..dot] + "." + runtimeIdentifier + name[dot..];
        return Path.Combine(Path.GetDirectoryName(path) ?? "", platformName);
    }

    public static Task<PublishedSbom> PublishAsync(PublishedImage published, SbomOptions options, RegistryClient? registry,
        IDiagnosticLog log, CancellationToken cancellationToken) =>
        WriteAndAttachAsync(published, published.Image, CycloneDxSbom.Create(published, options), options.Path, registry, log, cancellationToken);

    private static async Task<PublishedSbom> WriteAndAttachAsync(PublishedImage published, AssembledImage image, byte[] bytes, string sbomPath,
        RegistryClient? registry, IDiagnosticLog log, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(sbomPath);
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
                Subject = image.Image.Manifest.Descriptor,
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
                throw new NotebookSdkException(Messages.NB4101_SbomPushFailed.Create($"{published.Inputs.ImageName}@{image.ManifestDigest}", e.Diagnostic.Message), e);
            }
        }
        return new PublishedSbom(path, Digests.Compute(bytes), bytes.LongLength, pushed);
    }
}
