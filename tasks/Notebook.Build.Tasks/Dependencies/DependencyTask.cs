using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Dependencies;
using Notebook.Diagnostics;

namespace Notebook.Build.Tasks.Dependencies;

/// <summary>The inputs every dependency task shares, mapped from MSBuild properties and items.</summary>
public abstract class DependencyTask : LockTask
{
    public ITaskItem[] PythonPackages { get; set; } = [];

    /// <summary>pyproject.toml optional-dependencies groups to lock too (NotebookPythonExtras, ';'-separated).</summary>
    public string PythonExtras { get; set; } = "";

    public string PythonVersion { get; set; } = TargetEnvironment.DefaultPythonVersion;

    public string Platform { get; set; } = TargetEnvironment.DefaultPlatform;

    /// <summary>The image's runtime identifiers (ContainerRuntimeIdentifier when set, else ContainerRuntimeIdentifiers): one lock each.</summary>
    public string RuntimeIdentifiers { get; set; } = "";

    public string BaseImage { get; set; } = "";

    public string BaseImageDigest { get; set; } = "";

    public string Python { get; set; } = "python3";

    /// <summary>Seconds allowed per pip call.</summary>
    public int PipTimeout { get; set; } = 600;

    protected DependencySources Sources => new(ProjectDirectory, ProjectFile,
        PythonPackages.Select(i => new PythonPackageItem(i.ItemSpec, NullIfEmpty(i.GetMetadata("Version")))).ToArray(),
        PythonExtras.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    protected TargetEnvironment Target => new(
        string.IsNullOrWhiteSpace(PythonVersion) ? TargetEnvironment.DefaultPythonVersion : PythonVersion.Trim(),
        string.IsNullOrWhiteSpace(Platform) ? TargetEnvironment.DefaultPlatform : Platform.Trim(),
        NullIfEmpty(BaseImage), NullIfEmpty(BaseImageDigest));

    /// <summary>requirements.lock, and requirements.RID.lock for each other runtime identifier of the image.</summary>
    /// A project without requirements has no lock to make, so its runtime identifiers are not checked here (the image's are, NB6050).
    protected IReadOnlyList<PlatformLock> Locks => RequirementMerger.Merge(Sources.Read(Target)).Count == 0
        ? [new PlatformLock(PlatformLocks.DefaultRuntimeIdentifier, LockFile, Target, InImage: true)]
        : PlatformLocks.For(LockFile, Target, RuntimeIdentifiers);

    protected PipRunner Pip => new(new PipSettings(string.IsNullOrWhiteSpace(Python) ? "python3" : Python, TimeSpan.FromSeconds(PipTimeout > 0 ? PipTimeout : 600)));

    /// <summary>Like the shared task log, but NB3034 ("the lock was refreshed") and infos show at high importance.</summary>
    protected IDiagnosticLog Loud(IDiagnosticLog inner) => new HighImportanceLog(inner, Log);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
