namespace Notebook.Diagnostics;

// NB515x: the project's image as a kernel (nbrun kernel, host and image sides).
// NB523x: nbrun's container subcommands (kernel, container) on the command line.
// NB6014-NB6019: the project settings of kernels and local mode (InstallNotebookKernel, NotebookRunIn).
public static partial class Messages
{
    public static readonly MessageDescriptor NB5150_KernelConnectionUnreadable = new(
        "NB5150", Severity.Error,
        "The kernel connection file '{0}' could not be used: {1}. Jupyter writes it and passes it as '-f {{connection_file}}'; start the kernel from a Jupyter client (JupyterLab, nbconvert, nbrun -k NAME) or give a JSON file with ip, key and the five *_port values.");

    public static readonly MessageDescriptor NB5151_KernelConnectionNotOnStdin = new(
        "NB5151", Severity.Error,
        "No kernel connection information arrived on stdin: {0}. 'nbrun kernel --connection-from-stdin' runs inside the image and is started by 'nbrun kernel --image IMAGE -f FILE' on the host, which writes the connection file's JSON as the first line of the container's stdin; start the kernel that way.");

    public static readonly MessageDescriptor NB5152_KernelContainerExited = new(
        "NB5152", Severity.Error,
        "The kernel container of '{0}' exited with code {1}{2}. Its output is above; 'docker logs' has nothing more, since the container is removed. Check that the image runs nbrun as its entrypoint (NotebookRunnerPathInImage) and has ipykernel, for example by running 'docker run --rm {0} --version'.");

    public static readonly MessageDescriptor NB5153_KernelContainerStopped = new(
        "NB5153", Severity.Info,
        "Stopped the kernel container {0} ({1}).");

    public static readonly MessageDescriptor NB5230_ContainerCommandUsage = new(
        "NB5230", Severity.Error,
        "{0}. Usage: 'nbrun kernel --image IMAGE -f CONNECTION_FILE [--network host|NETWORK] [--kernel NAME]' (host side, the argv of an installed kernelspec), 'nbrun kernel --connection-from-stdin [--kernel NAME] [--listen-all]' (inside the image), or 'nbrun container --image IMAGE [--volume HOST:CONTAINER] [--env NAME=VALUE] [--network NETWORK] -- RUNNER-ARGUMENTS'.");

    public static readonly MessageDescriptor NB6014_InvalidNotebookRunIn = new("NB6014", Severity.Error,
        "NotebookRunIn is '{0}'; it must be Host (run here, the default), Container (run the project's image in the local Docker engine) or Swarm (run it on the swarm behind DOCKER_HOST), for example 'dotnet run -p:NotebookRunIn=Container'.");

    public static readonly MessageDescriptor NB6015_KernelInstalled = new("NB6015", Severity.Info,
        "Installed the kernel '{0}' (\"{1}\") in '{2}': it runs the image {3} through the Docker engine at {4}. Choose it in Jupyter, or run 'nbrun NOTEBOOK -k {0}'; 'dotnet build -t:UninstallNotebookKernel' removes it.");

    public static readonly MessageDescriptor NB6016_KernelUninstalled = new("NB6016", Severity.Info,
        "Removed the kernel '{0}' from '{1}'.");

    public static readonly MessageDescriptor NB6017_KernelNotInstalled = new("NB6017", Severity.Warning,
        "There is no kernel '{0}' in '{1}' to remove. 'dotnet build -t:InstallNotebookKernel' installs it; JUPYTER_DATA_DIR chooses the folder.");

    public static readonly MessageDescriptor NB6018_InvalidKernelNetwork = new("NB6018", Severity.Error,
        "NotebookContainerNetwork is '{0}'; give 'host' (the kernel shares the engine host's network, the default) or the name of a bridge network (its ports are then published on 127.0.0.1, for engines without host networking such as Docker Desktop), for example -p:NotebookContainerNetwork=bridge.");

    public static readonly MessageDescriptor NB6019_KernelFolderNotWritable = new("NB6019", Severity.Error,
        "The kernel could not be written to '{0}': {1}. Set JUPYTER_DATA_DIR to a folder you may write to, for example JUPYTER_DATA_DIR=$HOME/.local/share/jupyter.");
}
