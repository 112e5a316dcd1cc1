namespace Notebook.Diagnostics;

// NB415x-NB416x and NB605x: multi-platform images (ContainerRuntimeIdentifiers).
public static partial class Messages
{
    public static readonly MessageDescriptor NB4150_MultiPlatformArchive = new("NB4150", Severity.Error,
        "ContainerArchiveOutputPath '{0}' is a docker-archive tar, which holds one platform, but the image is built for {1}. Publish the multi-platform image to ContainerRegistry or NotebookImageLayoutPath, or build one platform for the archive, for example -p:ContainerRuntimeIdentifiers=linux-x64.");

    public static readonly MessageDescriptor NB4151_MultiPlatformEngine = new("NB4151", Severity.Error,
        "The image is built for {0}, and a Docker engine loads one platform at a time. Publish the multi-platform image to ContainerRegistry or NotebookImageLayoutPath, or build the engine's platform only, for example -p:ContainerRuntimeIdentifiers=linux-x64.");

    public static readonly MessageDescriptor NB4152_PlatformRunnerMissing = new("NB4152", Severity.Error,
        "The runner for {0} does not exist at '{1}', so that platform's image could not run notebooks. Use a Notebook.Sdk package that ships tools/RID/nbrun for it, point NotebookRunnerDirectory at a folder with RID/nbrun, or leave the platform out of ContainerRuntimeIdentifiers.");

    public static readonly MessageDescriptor NB4153_MultiPlatformDependencies = new("NB4153", Severity.Error,
        "The image is built for {1} and has a Python dependency folder, but none resolved for {0}: a folder holds the wheels of one platform. Publish with the SDK's targets, which lock and install each platform (requirements.RID.lock), pass a folder for every platform (PlatformDependencies), or leave {0} out of ContainerRuntimeIdentifiers.");

    public static readonly MessageDescriptor NB6050_UnsupportedRuntimeIdentifier = new("NB6050", Severity.Error,
        "'{0}' is not a runtime identifier Notebook.Sdk builds images for; it builds for {1}. Write ContainerRuntimeIdentifiers with those, for example <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>.");
}
