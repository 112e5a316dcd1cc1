using Microsoft.Build.Framework;
using Notebook.Images;
using Notebook.OsPackages;

namespace Notebook.Build.Tasks.OsPackages;

/// <summary>The inputs the OS-package tasks share, mapped from NotebookDebian* properties and DebianPackage items.</summary>
public abstract class OsPackageTask : LockTask
{
    public ITaskItem[] DebianPackages { get; set; } = [];

    public string BaseImage { get; set; } = "";

    public string BaseImageDigest { get; set; } = "";

    /// <summary>ContainerRuntimeIdentifier (or the one of ContainerRuntimeIdentifiers); linux-x64 when empty.</summary>
    public string RuntimeIdentifier { get; set; } = "";

    public string Mirror { get; set; } = "";

    public string Suite { get; set; } = "";

    public string Components { get; set; } = "";

    public bool LockedMode { get; set; }

    /// <summary>Where .debs and indexes are kept by SHA256 (shared between projects).</summary>
    public string PackageCacheDirectory { get; set; } = "";

    [Output]
    public string LockDigest { get; protected set; } = "";

    protected OsPackageSources Sources => new(ProjectDirectory, ProjectFile,
        DebianPackages.Select(i => new DebianPackageRequest(i.ItemSpec.Trim(), NullIfEmpty(i.GetMetadata("Version")), ProjectFile)).ToArray());

    protected OsPackageSettings Settings => new(BaseImage.Trim(), NullIfEmpty(BaseImageDigest),
        RuntimePlatform.ForRuntimeIdentifier(string.IsNullOrWhiteSpace(RuntimeIdentifier) ? "linux-x64" : RuntimeIdentifier.Trim()),
        string.IsNullOrWhiteSpace(Mirror) ? OsPackageSettings.DefaultMirror : Mirror.Trim(), Suite.Trim(),
        Components.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } c ? c : ["main"]);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
