namespace Notebook.Diagnostics;

// NB409x-NB410x: the Docker engine (publish into the local engine, containers for kernels and local runs).
public static partial class Messages
{
    public static readonly MessageDescriptor NB4090_DockerEngineUnreachable = new("NB4090", Severity.Error,
        "No Docker engine answered at '{0}' ({1}): {2}. Start the engine, or point DOCKER_HOST at one that runs, for example DOCKER_HOST=unix:///var/run/docker.sock or DOCKER_HOST=tcp://build-host:2376 with DOCKER_TLS_VERIFY=1 (DOCKER_CONTEXT and 'docker context use' work too).");

    public static readonly MessageDescriptor NB4091_UnsupportedDockerEndpoint = new("NB4091", Severity.Error,
        "The Docker endpoint '{0}' ({1}) cannot be used: {2}. Use unix:///PATH/docker.sock or tcp://HOST:PORT, for example DOCKER_HOST=tcp://127.0.0.1:2375; for an ssh:// endpoint forward the socket first ('ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock HOST') and set DOCKER_HOST=unix:///tmp/docker.sock.");

    public static readonly MessageDescriptor NB4092_DockerTlsFilesMissing = new("NB4092", Severity.Error,
        "TLS to the Docker engine at '{0}' ({1}) needs {2}, which is not there. Put the engine's ca.pem and your cert.pem and key.pem in that folder, or set DOCKER_CERT_PATH to the folder that has them, for example DOCKER_CERT_PATH=$HOME/.docker/build-host; unset DOCKER_TLS_VERIFY for an engine that listens without TLS.");

    public static readonly MessageDescriptor NB4093_DockerTlsFailed = new("NB4093", Severity.Error,
        "The TLS handshake with the Docker engine at '{0}' ({1}) failed: {2}. Check that the TLS folder ('{3}') holds the engine's ca.pem and a cert.pem/key.pem pair it accepts (DOCKER_CERT_PATH picks the folder), or unset DOCKER_TLS_VERIFY and DOCKER_TLS for an engine that listens without TLS.");

    public static readonly MessageDescriptor NB4094_DockerContextNotFound = new("NB4094", Severity.Error,
        "The Docker context '{0}' ({1}) does not exist under '{2}'. Create it ('docker context create {0} --docker host=tcp://HOST:2376'), or choose another one with DOCKER_CONTEXT or 'docker context use default'.");

    public static readonly MessageDescriptor NB4095_DockerConfigUnreadable = new("NB4095", Severity.Error,
        "The Docker configuration '{0}' could not be read to find the engine: {1}. Fix or remove the file ('docker context use default' rewrites currentContext), or point DOCKER_CONFIG at another folder, or set DOCKER_HOST, for example DOCKER_HOST=unix:///var/run/docker.sock.");

    public static readonly MessageDescriptor NB4096_DockerApiTooOld = new("NB4096", Severity.Error,
        "The Docker engine at '{0}' speaks API {1}; {2} or newer (Docker 20.10 or newer) is needed. Upgrade the engine, or point DOCKER_HOST at a newer one.");

    public static readonly MessageDescriptor NB4097_DockerImageNotFound = new("NB4097", Severity.Error,
        "The image '{0}' is not in the Docker engine at '{1}'. Load it there first: 'dotnet publish' without ContainerRegistry loads the project's image into the engine DOCKER_HOST names, or run 'docker pull {0}'.");

    public static readonly MessageDescriptor NB4098_DockerImageLoadFailed = new("NB4098", Severity.Error,
        "The Docker engine at '{0}' refused to load the image '{1}': {2}. Check the engine's log and free disk space, or write the image with ContainerArchiveOutputPath and load it by hand ('docker load -i FILE').");

    public static readonly MessageDescriptor NB4099_DockerRequestFailed = new("NB4099", Severity.Error,
        "The Docker engine at '{0}' refused to {1}: {2}. Fix what the engine names, for example a bind source folder that does not exist, a user the image lacks, or a container name already in use.");
}
