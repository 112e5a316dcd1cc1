using Microsoft.Build.Framework;
using Notebook.Diagnostics;
using Notebook.Execution.Kernels;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks.Kernels;

/// <summary>Writes the kernelspec of the project's image (already in the local engine) into Jupyter's user data folder.</summary>
public sealed class InstallNotebookKernel : Task
{
    [Required] public string ProjectName { get; set; } = "";

    [Required] public string ProjectPath { get; set; } = "";

    /// <summary>The image id in the local engine (the config digest).</summary>
    [Required] public string Image { get; set; } = "";

    [Required] public string HostRunnerPath { get; set; } = "";

    public string? DotnetHostPath { get; set; }

    public string? KernelName { get; set; }

    public string? DisplayName { get; set; }

    public string Network { get; set; } = "host";

    public string? RunnerPathInImage { get; set; }

    /// <summary>Jupyter's user data folder; JUPYTER_DATA_DIR or the platform's default when empty.</summary>
    public string? DataDirectory { get; set; }

    [Output] public string InstalledKernelName { get; set; } = "";

    [Output] public string KernelDirectory { get; set; } = "";

    /// <summary>An info message shown at the default verbosity, with its code.</summary>
    internal static void Announce(Microsoft.Build.Utilities.TaskLoggingHelper log, Diagnostic d) =>
        log.LogMessage(null, d.Code, null, null, 0, 0, 0, 0, MessageImportance.High, d.Message);

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var network = string.IsNullOrWhiteSpace(Network) ? "host" : Network.Trim();
        if (network.Any(char.IsWhiteSpace)) throw Messages.NB6018_InvalidKernelNetwork.Exception(network);
        var environment = ContainerKernelSpec.EngineVariables
            .Select(v => (v, Environment.GetEnvironmentVariable(v)))
            .Where(e => !string.IsNullOrEmpty(e.Item2))
            .ToDictionary(e => e.v, e => e.Item2!);
        var spec = new ContainerKernelSpec
        {
            Name = string.IsNullOrWhiteSpace(KernelName) ? KernelSpecInstaller.NameFor(ProjectName, "-container") : KernelName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? $"{ProjectName} (container)" : DisplayName,
            Image = Image.Trim(),
            RunnerCommand = [string.IsNullOrEmpty(DotnetHostPath) ? "dotnet" : DotnetHostPath, "exec", Path.GetFullPath(HostRunnerPath)],
            Network = network,
            RunnerPathInImage = string.IsNullOrWhiteSpace(RunnerPathInImage) ? null : RunnerPathInImage,
            Environment = environment,
            Metadata = new Dictionary<string, string> { ["project"] = Path.GetFullPath(ProjectPath) },
        };
        var data = string.IsNullOrWhiteSpace(DataDirectory) ? KernelSpecInstaller.UserDataDirectory(Environment.GetEnvironmentVariable) : DataDirectory;
        KernelDirectory = KernelSpecInstaller.Install(data, spec.Name, spec.ToKernelJson());
        InstalledKernelName = spec.Name;
        var engine = environment.TryGetValue("DOCKER_HOST", out var host) ? host : environment.TryGetValue("DOCKER_CONTEXT", out var context) ? "context " + context : "the default Docker endpoint";
        Announce(Log, Messages.NB6015_KernelInstalled.Create(spec.Name, spec.DisplayName, KernelDirectory, spec.Image, engine));
    });
}

/// <summary>Removes the kernelspec InstallNotebookKernel wrote.</summary>
public sealed class UninstallNotebookKernel : Task
{
    [Required] public string ProjectName { get; set; } = "";

    public string? KernelName { get; set; }

    public string? DataDirectory { get; set; }

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var name = string.IsNullOrWhiteSpace(KernelName) ? KernelSpecInstaller.NameFor(ProjectName, "-container") : KernelName.Trim();
        var data = string.IsNullOrWhiteSpace(DataDirectory) ? KernelSpecInstaller.UserDataDirectory(Environment.GetEnvironmentVariable) : DataDirectory;
        if (KernelSpecInstaller.Uninstall(data, name))
            InstallNotebookKernel.Announce(Log, Messages.NB6016_KernelUninstalled.Create(name, Path.Combine(data, "kernels")));
        else
            log.Report(Messages.NB6017_KernelNotInstalled.Create(name, Path.Combine(data, "kernels")));
    });
}
