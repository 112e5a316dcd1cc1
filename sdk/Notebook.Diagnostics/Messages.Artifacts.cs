namespace Notebook.Diagnostics;

// NB406x: OCI artifacts pushed to a registry (a run's results with --push-results; the SBOM later).
public static partial class Messages
{
    public static readonly MessageDescriptor NB4060_ArtifactRegistryUnreachable = new("NB4060", Severity.Error,
        "The results could not be pushed to '{0}': registry '{1}' did not answer ({2}). The run's files stay in its output folder. Check the registry name and the job's network, for example with 'curl https://{1}/v2/' from where the job runs.");

    public static readonly MessageDescriptor NB4061_ArtifactAccessRefused = new("NB4061", Severity.Error,
        "Registry '{1}' refused to let this run push its results to '{0}' ({2}). Give the job an account that may push to that repository: set DOTNET_CONTAINER_REGISTRY_UNAME and DOTNET_CONTAINER_REGISTRY_PWORD (for example from a Kubernetes Secret), or mount a Docker config and point DOCKER_CONFIG at its folder.");

    public static readonly MessageDescriptor NB4062_InvalidArtifactReference = new("NB4062", Severity.Error,
        "'{0}' is not a reference results can be pushed to: {1}. Write REGISTRY/REPOSITORY[:TAG] without a digest, for example 'registry.example.com/analytics/daily-report-runs:2026-12-01'.");

    public static readonly MessageDescriptor NB4063_ArtifactSubjectNotFound = new("NB4063", Severity.Error,
        "The image '{0}' that the results should be attached to (NOTEBOOK_IMAGE) is not in registry '{1}'. Set NOTEBOOK_IMAGE to the image the job runs, by digest, for example 'registry.example.com/analytics/daily-report@sha256:...', or unset it to push the results without a subject.");

    public static readonly MessageDescriptor NB4064_ArtifactFileUnreadable = new("NB4064", Severity.Error,
        "The file '{0}' could not be added to the results pushed to '{1}': {2}. Check that the run wrote it and that the output folder is readable.");

    public static readonly MessageDescriptor NB4065_ArtifactPushFailed = new("NB4065", Severity.Error,
        "Registry '{1}' did not accept the results pushed to '{0}': {2}. Check the repository name and the registry's limits; pushing again resumes where it stopped.");

    public static readonly MessageDescriptor NB4066_InvalidArtifactSubject = new("NB4066", Severity.Error,
        "NOTEBOOK_IMAGE is '{0}', which is not an image reference: {1}. Set it to the image the job runs, by digest, for example 'registry.example.com/analytics/daily-report@sha256:...', or unset it.");
}
