namespace Notebook.Diagnostics;

// NB4xxx: Images.
public static partial class Messages
{
    // NB400x: references and image inputs.
    public static readonly MessageDescriptor NB4001_InvalidImageReference = new("NB4001", Severity.Error,
        "'{0}' is not a valid image reference: {1}. Write [registry[:port]/]repository[:tag][@sha256:digest], for example 'registry.example.com/analytics/daily-report:1.4.0' or 'python:3.12-slim'.");

    public static readonly MessageDescriptor NB4002_UppercaseRepository = new("NB4002", Severity.Error,
        "The repository '{0}' in image reference '{1}' has upper-case letters; registries only accept lower case. Write it in lower case, for example '{2}'.");

    public static readonly MessageDescriptor NB4003_InvalidSourceDateEpoch = new("NB4003", Severity.Error,
        "SOURCE_DATE_EPOCH is '{0}', which is not a whole number of seconds since 1970-01-01T00:00:00Z. Set it to digits only, for example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it to use the fixed default 946684800 (2000-01-01).");

    public static readonly MessageDescriptor NB4004_DuplicateLayerPath = new("NB4004", Severity.Error,
        "The path '{0}' is added twice to image layer '{1}'. Each file may appear once per layer; remove one of the items that place a file at '{0}'.");

    public static readonly MessageDescriptor NB4005_InvalidLayerPath = new("NB4005", Severity.Error,
        "The path '{0}' cannot be stored in image layer '{1}': {2}. Use an absolute path of plain segments, for example '/app/notebooks/report.ipynb'.");

    public static readonly MessageDescriptor NB4006_LayerSourceMissing = new("NB4006", Severity.Error,
        "The file '{0}' that should go to '{1}' in image layer '{2}' does not exist. Check the item that adds it, or build the file first.");

    public static readonly MessageDescriptor NB4007_InvalidImageTag = new("NB4007", Severity.Error,
        "'{0}' is not a valid image tag: a tag has 1 to 128 characters from [A-Za-z0-9_.-] and does not start with '.' or '-', for example '1.4.0' or 'latest'.");

    public static readonly MessageDescriptor NB4008_InvalidEnvironmentVariable = new("NB4008", Severity.Error,
        "'{0}' is not a valid environment variable name for the image. Use letters, digits and '_' and do not start with a digit, for example 'PYTHONPATH'.");

    // NB401x: registries.
    public static readonly MessageDescriptor NB4010_RegistryUnreachable = new("NB4010", Severity.Error,
        "Registry '{0}' could not be reached while {2} for repository '{1}' ({3}), after {4} attempts. Check the registry name and the network, or publish to ContainerArchiveOutputPath instead.");

    public static readonly MessageDescriptor NB4011_RegistryAuthenticationFailed = new("NB4011", Severity.Error,
        "Registry '{0}' refused access to repository '{1}' while {2} (HTTP {3}). Run 'docker login {0}', or set DOTNET_CONTAINER_REGISTRY_UNAME and DOTNET_CONTAINER_REGISTRY_PWORD, with an account that may {4} this repository.");

    public static readonly MessageDescriptor NB4012_RegistryRequestFailed = new("NB4012", Severity.Error,
        "Registry '{0}' answered HTTP {3} while {2} for repository '{1}': {4}. Check the repository name and the registry's limits; re-running the publish resumes where it stopped.");

    public static readonly MessageDescriptor NB4013_ImageNotFound = new("NB4013", Severity.Error,
        "The image '{0}' was not found in registry '{1}'. Check ContainerBaseImage (repository and tag or digest), for example 'python:3.12-slim'.");

    public static readonly MessageDescriptor NB4014_DigestMismatch = new("NB4014", Severity.Error,
        "Registry '{0}' sent content for '{1}' whose digest is {3}, not the expected {2}. The registry or a proxy altered it; retry, or pin the base image by a digest the registry serves.");

    public static readonly MessageDescriptor NB4015_PlatformNotFound = new("NB4015", Severity.Error,
        "The image '{0}' has no variant for platform {1}; it offers: {2}. Choose a ContainerBaseImage that is built for {1}.");

    public static readonly MessageDescriptor NB4016_UnsupportedMediaType = new("NB4016", Severity.Error,
        "The image '{0}' has the media type '{1}', which is not an OCI or Docker v2 image. Choose a ContainerBaseImage published as an OCI or Docker schema 2 image.");

    public static readonly MessageDescriptor NB4017_CredentialHelperFailed = new("NB4017", Severity.Error,
        "The Docker credential helper 'docker-credential-{0}' failed for registry '{1}': {2}. Check that it is on PATH and that you are logged in, or remove it from the Docker config ({3}).");

    public static readonly MessageDescriptor NB4018_DockerConfigInvalid = new("NB4018", Severity.Error,
        "The Docker config '{0}' could not be read: {1}. Fix the JSON (run 'docker login' to rewrite it) or point DOCKER_CONFIG at another folder.");

    public static readonly MessageDescriptor NB4019_InvalidImageContent = new("NB4019", Severity.Error,
        "The image '{0}' has an invalid {1}: {2}. Choose another ContainerBaseImage or report it to the image's publisher.");

    // NB402x: local destinations.
    public static readonly MessageDescriptor NB4020_DockerEngineUnavailable = new("NB4020", Severity.Error,
        "The image cannot be loaded into the local Docker engine. {0} To publish without an engine, set ContainerRegistry to push to a registry, or ContainerArchiveOutputPath to write a tar that 'docker load' takes.");

    // NB405x: publishing a notebook project's image (dotnet publish).
    public static readonly MessageDescriptor NB4050_RunnerMissing = new("NB4050", Severity.Warning,
        "The runner '{0}' does not exist, so the image's runner layer is empty and the image cannot run notebooks. Use a Notebook.Sdk package that ships tools/linux-x64/nbrun, or set NotebookRunnerPath to a linux-x64 nbrun, for example <NotebookRunnerPath>$(MSBuildProjectDirectory)/tools/nbrun</NotebookRunnerPath>.");

    public static readonly MessageDescriptor NB4051_ContentOutsideProject = new("NB4051", Severity.Error,
        "The file '{0}' is outside the project folder, so it has no place under the image's working directory. Give the item a Link metadata with its path in the image, for example <NotebookContent Include=\"../shared/regions.csv\" Link=\"data/regions.csv\" />.");

    public static readonly MessageDescriptor NB4052_InvalidContainerItem = new("NB4052", Severity.Error,
        "The {0} item '{1}' is not valid: {2}. Write it as <{0} Include=\"NAME\" Value=\"VALUE\" />, for example <{0} Include=\"org.example.team\" Value=\"analytics\" />.");

    public static readonly MessageDescriptor NB4053_InvalidWorkingDirectory = new("NB4053", Severity.Error,
        "ContainerWorkingDirectory is '{0}'; it must be an absolute Linux path other than '/', for example '/app'.");

    public static readonly MessageDescriptor NB4054_GitHubOutputFailed = new("NB4054", Severity.Warning,
        "The image was published, but the GitHub Actions file '{0}' could not be written ({1}). Check that GITHUB_OUTPUT and GITHUB_STEP_SUMMARY point at writable files, or unset GITHUB_ACTIONS outside GitHub Actions.");

    public static readonly MessageDescriptor NB4055_PasswordVariableLogged = new("NB4055", Severity.Warning,
        "DOTNET_CONTAINER_REGISTRY_PWORD is set while a binary log is written: MSBuild records every DOTNET_* environment variable in binary logs (and prints it at -v:diag), so the password is in that log. Put the password in SDK_CONTAINER_REGISTRY_PWORD (with SDK_CONTAINER_REGISTRY_UNAME) or use 'docker login' / a credential helper instead, and delete that log.");

    public static readonly MessageDescriptor NB4056_BaseImageDigestMismatch = new("NB4056", Severity.Error,
        "ContainerBaseImage '{0}' names digest {1}, but NotebookBaseImageDigest (pinned in requirements.lock) is {2}. Make the two the same, or keep only one of them.");

    public static readonly MessageDescriptor NB4057_InvalidBaseImageDigest = new("NB4057", Severity.Error,
        "NotebookBaseImageDigest '{0}' is not an image digest. Write it as sha256: and 64 lowercase hex digits, for example the digest 'docker buildx imagetools inspect python:3.12-slim' prints.");

    // .NET SDK container items.
    public static readonly MessageDescriptor NB4070_InvalidContainerPort = new("NB4070", Severity.Error,
        "ContainerPort '{0}' (Type '{1}') is not a port: {2}. Give a number from 1 to 65535 and a Type of tcp (the default) or udp, for example <ContainerPort Include=\"8888\" Type=\"tcp\" />.");

    public static readonly MessageDescriptor NB4071_InvalidImageFormat = new("NB4071", Severity.Error,
        "ContainerImageFormat '{0}' is not an image format. Set OCI (the default) or Docker, for example <ContainerImageFormat>Docker</ContainerImageFormat> for a registry that takes only Docker manifests.");

    // NB410x: the image's SBOM (CycloneDX 1.5, attached as a referrer).
    public static readonly MessageDescriptor NB4100_SbomWriteFailed = new("NB4100", Severity.Error,
        "The image was published, but its SBOM could not be written to '{0}' ({1}). Make that folder writable, choose another file with NotebookImageSbomPath, or set ContainerGenerateSbom=false to publish without an SBOM.");

    public static readonly MessageDescriptor NB4101_SbomPushFailed = new("NB4101", Severity.Error,
        "The image {0} was pushed, but its SBOM could not be attached to it: {1} Publish again once that is fixed (the image's blobs are not uploaded twice), or set ContainerGenerateSbom=false to publish without an SBOM.");
}
