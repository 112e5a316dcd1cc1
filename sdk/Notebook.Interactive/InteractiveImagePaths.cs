namespace Notebook.Interactive;

/// <summary>Where the .NET Interactive kernel's parts go in the image.</summary>
public static class InteractiveImagePaths
{
    /// <summary>The .NET install (host/fxr, shared/...) at the default location an app host looks in on Linux.</summary>
    public const string DotnetRoot = "/usr/share/dotnet";

    /// <summary>The kernel tool's files, and its launcher <c>dotnet-interactive</c>.</summary>
    public const string ToolDirectory = "/opt/notebook-sdk/dotnet-interactive";

    public const string Launcher = ToolDirectory + "/dotnet-interactive";

    /// <summary>What the runner links into the kernel's HOME before it starts (the restore-result cache).</summary>
    public const string HomeSeed = ToolDirectory + "/home";

    /// <summary>The locked packages, in the NuGet packages-folder layout (id and version lower case).</summary>
    public const string PackagesDirectory = "/opt/notebook-sdk/nuget/packages";

    /// <summary>The kernelspec, on the kernel search path of nbrun and Jupyter.</summary>
    public const string KernelSpecDirectory = "/usr/local/share/jupyter/kernels/.net-csharp";

    public static string PackageRoot(string id, string version) =>
        $"{PackagesDirectory}/{id.ToLowerInvariant()}/{version.ToLowerInvariant()}/";
}
