using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>What <see cref="ResultsPusher.PushAsync"/> published: the artifact by digest, its tag, and the image it is attached to.</summary>
public sealed record ResultsPushResult(string Reference, string Digest, string Tag, string? Subject);

/// <summary>
/// Pushes a run's results (executed notebook, HTML report, run.json) as one OCI artifact of type
/// <see cref="ArtifactType"/>, attached to the image that ran (NOTEBOOK_IMAGE) when it is in the same registry.
/// Every failure is a <see cref="NotebookSdkException"/> with an NB406x code; no message holds a secret.
/// </summary>
public sealed partial class ResultsPusher(RegistryClientOptions? options = null)
{
    public const string ArtifactType = "application/vnd.notebook-sdk.run.v1+json";
    public const string NotebookMediaType = "application/x-ipynb+json";
    public const string HtmlMediaType = "text/html";
    public const string JsonMediaType = "application/json";

    /// <summary>Annotations copied from run.json, so a referrers list shows how each run ended without downloading it.</summary>
    public const string StatusAnnotation = "dev.notebook-sdk.run.status";
    public const string ExitCodeAnnotation = "dev.notebook-sdk.run.exit-code";

    /// <summary>The image the run belongs to, as NOTEBOOK_IMAGE named it (also when it could not be the subject).</summary>
    public const string ImageAnnotation = "dev.notebook-sdk.run.image";

    /// <summary>The tag given to results pushed without one: <c>run-</c> and the first 16 hex digits of the manifest digest.</summary>
    public const string DefaultTagPrefix = "run-";

    public static string MediaTypeFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ipynb" => NotebookMediaType,
        ".html" or ".htm" => HtmlMediaType,
        ".json" => JsonMediaType,
        _ => "application/octet-stream",
    };

    public async Task<ResultsPushResult> PushAsync(string reference, IReadOnlyList<string> files, string? subjectReference,
        IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken = default)
    {
        var (target, explicitTag) = ParseTarget(reference);
        var artifactFiles = new List<ArtifactFile>();
        foreach (var file in files) artifactFiles.Add(await ReadFileAsync(file, reference, cancellationToken).ConfigureAwait(false));
        var subject = subjectReference is null ? null : ParseSubject(subjectReference);

        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in RunAnnotations(files)) all[k] = v;
        if (subjectReference is not null) all[ImageAnnotation] = subjectReference;
        foreach (var (k, v) in annotations) all[k] = v;
        if (!all.ContainsKey(OciArtifact.CreatedAnnotation))
            all[OciArtifact.CreatedAnnotation] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        try
        {
            using var client = new RegistryClient(target.Registry, options);
            var pusher = new ArtifactPusher(client, options?.Log);
            Descriptor? subjectDescriptor = null;
            if (subject is not null && subject.Registry == target.Registry)
            {
                subjectDescriptor = await pusher.ResolveAsync(subject, cancellationToken).ConfigureAwait(false)
                    ?? throw Messages.NB4063_ArtifactSubjectNotFound.Exception(subjectReference, subject.Registry);
            }
            else if (subject is not null)
            {
                // The referrers API and its tag schema work within one registry: an image elsewhere is only named.
                options?.Log?.Info($"NOTEBOOK_IMAGE '{subjectReference}' is in another registry than '{target.Registry}'; the results name it in '{ImageAnnotation}' but have no subject.");
            }

            var artifact = new OciArtifact(ArtifactType, artifactFiles) { Annotations = all, Subject = subjectDescriptor };
            var tag = explicitTag ?? DefaultTagPrefix + Digests.Hex(artifact.Build().ManifestDigest)[..16];
            var pushed = await pusher.PushAsync(target.Repository, tag, artifact, cancellationToken).ConfigureAwait(false);
            return new ResultsPushResult(pushed.Reference, pushed.Digest, tag, subjectDescriptor?.Digest);
        }
        catch (NotebookSdkException e) when (!e.Code.StartsWith("NB406", StringComparison.Ordinal))
        {
            throw Translate(e, reference, target.Registry);
        }
    }

    private static (ImageReference Target, string? Tag) ParseTarget(string reference)
    {
        ImageReference parsed;
        try
        {
            parsed = ImageReference.Parse(reference);
        }
        catch (NotebookSdkException e)
        {
            throw new NotebookSdkException(Messages.NB4062_InvalidArtifactReference.Create(reference, e.Diagnostic.Message), e);
        }
        if (parsed.Digest is not null)
            throw Messages.NB4062_InvalidArtifactReference.Exception(reference, "a digest is given by the registry after the push, not chosen before it");
        var text = reference.Trim();
        var slash = text.IndexOf('/');
        var first = slash > 0 ? text[..slash] : "";
        // docker.io is implied by a bare name; results go only where the user named a registry.
        if (!(first.Contains('.') || first.Contains(':') || first == "localhost"))
            throw Messages.NB4062_InvalidArtifactReference.Exception(reference, "it names no registry");
        var explicitTag = text.LastIndexOf(':') > text.LastIndexOf('/') ? parsed.Tag : null;
        return (parsed, explicitTag);
    }

    private static ImageReference ParseSubject(string subjectReference)
    {
        try
        {
            return ImageReference.Parse(subjectReference);
        }
        catch (NotebookSdkException e)
        {
            throw new NotebookSdkException(Messages.NB4066_InvalidArtifactSubject.Create(subjectReference, e.Diagnostic.Message), e);
        }
    }

    private static async Task<ArtifactFile> ReadFileAsync(string path, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await ArtifactFile.FromFileAsync(path, MediaTypeFor(path), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookSdkException(Messages.NB4064_ArtifactFileUnreadable.Create(path, reference, e.Message), e);
        }
    }

    /// <summary>Status and exit code from a run.json among the files; nothing when there is none or it is not readable.</summary>
    private static IEnumerable<KeyValuePair<string, string>> RunAnnotations(IReadOnlyList<string> files)
    {
        var runJson = files.FirstOrDefault(f => Path.GetFileName(f) == "run.json");
        if (runJson is null) yield break;
        JsonObject? run = null;
        try
        {
            run = JsonNode.Parse(File.ReadAllBytes(runJson)) as JsonObject;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
        }
        if (run?["status"] is JsonValue status && status.GetValueKind() == JsonValueKind.String)
            yield return new(StatusAnnotation, status.GetValue<string>());
        if (run?["exit_code"] is JsonValue code && code.TryGetValue<int>(out var exit))
            yield return new(ExitCodeAnnotation, exit.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The registry client's own codes (written for image publishing) mapped to the results' codes.</summary>
    private static NotebookSdkException Translate(NotebookSdkException e, string reference, string registry)
    {
        var diagnostic = e.Code switch
        {
            "NB4010" => Messages.NB4060_ArtifactRegistryUnreachable.Create(reference, registry, Cause(e.InnerException)),
            "NB4011" => Messages.NB4061_ArtifactAccessRefused.Create(reference, registry,
                HttpStatus().Match(e.Diagnostic.Message) is { Success: true } m ? m.Value : "no credentials"),
            "NB4017" or "NB4018" => Messages.NB4061_ArtifactAccessRefused.Create(reference, registry, e.Diagnostic.Message),
            "NB4001" or "NB4002" or "NB4007" => Messages.NB4062_InvalidArtifactReference.Create(reference, e.Diagnostic.Message),
            _ => Messages.NB4065_ArtifactPushFailed.Create(reference, registry, e.Diagnostic.Message),
        };
        return new NotebookSdkException(diagnostic, e);
    }

    private static string Cause(Exception? error) => error switch
    {
        null => "no answer",
        OperationCanceledException => "the request timed out",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => error.Message,
    };

    [GeneratedRegex(@"HTTP \d{3}")]
    private static partial Regex HttpStatus();
}
