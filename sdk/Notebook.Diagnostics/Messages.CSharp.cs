namespace Notebook.Diagnostics;

// C# notebooks (.NET Interactive): parameters NB2100-NB2149, nuget lock and restore NB3200-NB3249, the image NB4180-NB4189,
// runner NB5300-NB5319.
public static partial class Messages
{
    // The C# parameters cell (NB2100-NB2119).
    public static readonly MessageDescriptor NB2100_CSharpNotALiteral = new("NB2100", Severity.Warning,
        "C# field '{0}' is initialised with an expression ({1}), not a literal, so it is not a parameter and no value can be injected into it. Initialise it with a literal (for example  int {0} = 10;) and compute the expression in a later cell.");

    public static readonly MessageDescriptor NB2101_CSharpConstField = new("NB2101", Severity.Warning,
        "C# field '{0}' is declared const, so no value can be assigned to it and it is not a parameter. Remove 'const' (for example  int {0} = 10;) to make it one.");

    public static readonly MessageDescriptor NB2102_CSharpUnsupportedType = new("NB2102", Severity.Warning,
        "C# field '{0}' has the type '{1}', which cannot be given as a value, so it is not a parameter. Use string, bool, int, long, double or decimal, a nullable form (int?) or an array of them (string[]).");

    public static readonly MessageDescriptor NB2103_CSharpSyntaxError = new("NB2103", Severity.Error,
        "The C# parameters cell cannot be read: {0}. Fix the C# so that the cell compiles; a parameters cell holds fields such as  string region = \"north\";  int topN = 5;");

    public static readonly MessageDescriptor NB2104_CSharpDefaultMismatch = new("NB2104", Severity.Warning,
        "C# field '{0}' is declared {1} but initialised with {2}, which C# does not convert to {1}, so it is not a parameter. Write a literal of that type (for example 0.5m for a decimal, 5L for a long).");

    public static readonly MessageDescriptor NB2105_CSharpSchemaMissing = new("NB2105", Severity.Error,
        "The parameters of the C# notebook '{0}' are read at build time and its schema file '{1}' is missing. Build the project (dotnet build) or start it with dotnet run, or run the notebook without -p values.");

    // #r "nuget: ..." directives, locked at restore (NB3200-NB3249).
    public static readonly MessageDescriptor NB3200_NuGetVersionMissing = new("NB3200", Severity.Error,
        "#r \"nuget: {0}\" gives no version, so restore cannot lock it and the kernel would download the newest one at run time. Write an exact version, for example  #r \"nuget: {0}, 13.0.3\"");

    public static readonly MessageDescriptor NB3201_NuGetVersionNotExact = new("NB3201", Severity.Error,
        "#r \"nuget: {0}, {1}\" asks for a floating version or a range, so the package could change between runs. Write one exact version, for example  #r \"nuget: {0}, 13.0.3\"");

    public static readonly MessageDescriptor NB3202_NuGetDirectiveInvalid = new("NB3202", Severity.Error,
        "This #r directive cannot be read: {0}. Write it as  #r \"nuget: PackageId, 1.2.3\"");

    public static readonly MessageDescriptor NB3203_NuGetVersionConflict = new("NB3203", Severity.Error,
        "Package '{0}' is asked for at version {1} here and at version {2} in {3}; one image holds one version of a package. Use the same version in every notebook of the project.");

    public static readonly MessageDescriptor NB3204_NuGetLockStale = new("NB3204", Severity.Error,
        "The NuGet lock '{0}' does not match the #r \"nuget: ...\" directives of the notebooks ({1}), and locked mode (NotebookLockedMode=true) does not rewrite it. Run dotnet restore without locked mode and commit the new lock.");

    public static readonly MessageDescriptor NB3205_NuGetLockOutdated = new("NB3205", Severity.Warning,
        "The NuGet lock '{0}' does not match the #r \"nuget: ...\" directives of the notebooks ({1}). Run dotnet restore (or build without --no-restore) to refresh it.");

    public static readonly MessageDescriptor NB3206_NuGetRestoreFailed = new("NB3206", Severity.Error,
        "NuGet could not restore the packages of the #r directives ({0}): {1}. Check the package ids and versions, and the package sources in NuGet.config.");

    public static readonly MessageDescriptor NB3207_NuGetRestoreTimedOut = new("NB3207", Severity.Error,
        "Restoring the packages of the #r directives took more than {0} s. Check that the package sources in NuGet.config answer, or raise NotebookNuGetRestoreTimeout.");

    public static readonly MessageDescriptor NB3208_NuGetLockInvalid = new("NB3208", Severity.Error,
        "The NuGet lock '{0}' cannot be read: {1}. Delete it and run dotnet restore to write it again.");

    // The image of C# notebooks: the .NET runtime, the kernel and the locked packages (NB4180-NB4189).
    public static readonly MessageDescriptor NB4180_KernelFilesFailed = new("NB4180", Severity.Error,
        "The files of the .NET Interactive kernel for the image could not be resolved ({0}): {1}. Check the package sources in NuGet.config (they must serve {2}), or set NotebookDotnetInteractiveVersion and NotebookDotnetRuntimeVersion to versions they serve.");

    public static readonly MessageDescriptor NB4181_KernelFilesTimedOut = new("NB4181", Severity.Error,
        "Resolving the files of the .NET Interactive kernel for the image took more than {0} s. Check that the package sources in NuGet.config answer, or raise NotebookNuGetRestoreTimeout.");

    public static readonly MessageDescriptor NB4182_CSharpMultiPlatform = new("NB4182", Severity.Error,
        "The project has C# notebooks and asks for several platforms ({0}); an image that runs C# notebooks is built for one platform. Set ContainerRuntimeIdentifier to one of them (for example linux-x64) and publish once per platform.");

    public static readonly MessageDescriptor NB4183_LayerPlanInvalid = new("NB4183", Severity.Error,
        "The layer plan '{0}' cannot be used: {1}. Publish again; the plan is written by the targets before the image is assembled (delete obj/ if it keeps failing).");

    public static readonly MessageDescriptor NB4184_ApphostUnusable = new("NB4184", Severity.Error,
        "The .NET app host '{0}' has no placeholder for the application path, so the kernel's launcher cannot be made from it. Set NotebookDotnetRuntimeVersion to a version whose Microsoft.NETCore.App.Host pack is a standard one.");

    public static readonly MessageDescriptor NB4185_KernelPackageMissing = new("NB4185", Severity.Error,
        "Package {0} {1} of the NuGet lock is not in the NuGet packages folder '{2}', so it cannot be put in the image. Run dotnet restore (it downloads what the lock names) and publish again.");

    public static readonly MessageDescriptor NB4186_UnsupportedKernelPlatform = new("NB4186", Severity.Error,
        "C# notebooks can be put in images for linux-x64 and linux-arm64, not for '{0}'. Set ContainerRuntimeIdentifier to linux-x64 or linux-arm64.");
}
