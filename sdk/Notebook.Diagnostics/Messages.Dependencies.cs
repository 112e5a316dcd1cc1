namespace Notebook.Diagnostics;

// NB3xxx: Dependencies. What each one means and what to do: docs/dependencies.md.
public static partial class Messages
{
    // Declaring.
    public static readonly MessageDescriptor NB3001_RequirementSyntax = new("NB3001", Severity.Error,
        "'{0}' is not a requirement pip can read: {1}. Write one requirement per line as a name and an optional version, for example 'pandas>=2.2' or 'requests==2.32.3'.");

    public static readonly MessageDescriptor NB3002_RequirementOptionNotSupported = new("NB3002", Severity.Error,
        "The option line '{0}' is not supported here: the lock is made for the image's platform with pip's own settings. Remove it; set the index with PIP_INDEX_URL or PIP_EXTRA_INDEX_URL (or pip.conf), and list packages by name, for example 'pandas>=2.2'.");

    public static readonly MessageDescriptor NB3003_PyprojectSyntax = new("NB3003", Severity.Error,
        "pyproject.toml cannot be read: {0}. [project] dependencies and each optional-dependencies group must be an array of strings, for example dependencies = [\"pandas>=2.2\"].");

    public static readonly MessageDescriptor NB3004_ConflictingRequirements = new("NB3004", Severity.Error,
        "'{0}' is pinned to {1} in {2} and to {3} in {4}. Keep one version in one place, for example only '{0}{1}' in {2}.");

    public static readonly MessageDescriptor NB3005_PythonPackageVersion = new("NB3005", Severity.Error,
        "PythonPackage '{0}' has the Version '{1}', which is not a version specifier. Write it as pip does, for example <PythonPackage Include=\"{0}\" Version=\">=2.2\" /> or Version=\"==2.2.3\" (a bare '2.2.3' means '==2.2.3').");

    // Python and pip.
    public static readonly MessageDescriptor NB3010_PythonNotFound = new("NB3010", Severity.Error,
        "The Python interpreter '{0}' could not be started ({1}). Install Python 3 (Debian: apt-get install python3 python3-pip) or set NotebookPython to an interpreter's path, for example -p:NotebookPython=/usr/bin/python3.");

    public static readonly MessageDescriptor NB3011_PipNotFound = new("NB3011", Severity.Error,
        "The Python interpreter '{0}' has no pip ({1}). Install pip for it (Debian: apt-get install python3-pip; elsewhere: {0} -m ensurepip) or set NotebookPython to an interpreter with pip, for example -p:NotebookPython=/usr/local/bin/python3.");

    public static readonly MessageDescriptor NB3012_PipTimeout = new("NB3012", Severity.Error,
        "pip did not finish within {0} seconds ({1}). Check that the package index answers (PIP_INDEX_URL), or raise NotebookPipTimeout, for example -p:NotebookPipTimeout=1800.");

    // Resolving.
    public static readonly MessageDescriptor NB3020_NoMatchingVersion = new("NB3020", Severity.Error,
        "No version of '{0}' matches the requirement '{1}' for Python {2} on {3} (the index has {4}). Change the requirement to a version that exists, for example '{0}=={5}'. pip said: {6}");

    public static readonly MessageDescriptor NB3021_NoDistribution = new("NB3021", Severity.Error,
        "The index has no wheel of '{0}' for Python {1} on {2}. Check the name (pypi.org/project/{0}), pick a version that ships a wheel for this platform, or change NotebookPythonVersion/NotebookPythonPlatform. pip said: {3}");

    public static readonly MessageDescriptor NB3022_IndexUnreachable = new("NB3022", Severity.Error,
        "The package index could not be reached ({0}). Check the network or point pip at a reachable index, for example PIP_INDEX_URL=https://pypi.org/simple. pip said: {1}");

    public static readonly MessageDescriptor NB3023_ResolutionImpossible = new("NB3023", Severity.Error,
        "pip found no set of versions that satisfies every requirement together. Loosen the conflicting constraints pip names. pip said: {0}");

    public static readonly MessageDescriptor NB3024_HashMismatch = new("NB3024", Severity.Error,
        "A downloaded package does not match the hash in {0}: the index serves different bytes than when the lock was made. If the change is expected, delete {0} and run 'dotnet restore'; otherwise check the index. pip said: {1}");

    public static readonly MessageDescriptor NB3025_PipFailed = new("NB3025", Severity.Error,
        "pip {0} failed (exit code {1}). Fix what pip names, then run 'dotnet restore' again. pip said: {2}");

    public static readonly MessageDescriptor NB3026_PipReportUnreadable = new("NB3026", Severity.Error,
        "pip's report {0} cannot be read ({1}). Use pip 22.2 or later (python3 -m pip install --upgrade pip), or set NotebookPython to an interpreter with a newer pip.");

    // The lock.
    public static readonly MessageDescriptor NB3030_LockMissingInLockedMode = new("NB3030", Severity.Error,
        "{0} is missing and NotebookLockedMode is true, so it is not created. Run 'dotnet restore' without locked mode (-p:NotebookLockedMode=false) and commit {0}.");

    public static readonly MessageDescriptor NB3031_LockStaleInLockedMode = new("NB3031", Severity.Error,
        "{0} does not match the project's requirements (its inputs digest is {1}, the requirements now give {2}) and NotebookLockedMode is true, so it is not rewritten. Run 'dotnet restore' without locked mode (-p:NotebookLockedMode=false) and commit {0}.");

    public static readonly MessageDescriptor NB3032_LockStale = new("NB3032", Severity.Warning,
        "{0} is {1}: the requirements changed since it was written. Run 'dotnet restore' to refresh it (a build with --no-restore never resolves packages).");

    public static readonly MessageDescriptor NB3033_LockUnreadable = new("NB3033", Severity.Error,
        "{0} cannot be read ({1}). Delete it and run 'dotnet restore' to write it again.");

    public static readonly MessageDescriptor NB3034_LockRefreshed = new("NB3034", Severity.Info,
        "{0} was {1} from the project's requirements ({2} packages).");

    // The dependency layer.
    public static readonly MessageDescriptor NB3040_LayerNotLocked = new("NB3040", Severity.Error,
        "The dependency layer cannot be made: {0} is {1}. Run 'dotnet restore' and commit {0}.");

    // pyproject.toml: optional dependencies and requires-python.
    public static readonly MessageDescriptor NB3060_UnknownExtra = new("NB3060", Severity.Error,
        "NotebookPythonExtras names '{0}', but pyproject.toml has no such [project.optional-dependencies] group (it has: {1}). Name one of its groups, for example -p:NotebookPythonExtras={2}, or add the group, for example [project.optional-dependencies] {0} = [\"pytest\"].");

    public static readonly MessageDescriptor NB3061_RequiresPythonExcludesTarget = new("NB3061", Severity.Error,
        "pyproject.toml's requires-python '{0}' excludes the image's Python {1} (NotebookPythonVersion). Widen requires-python, for example requires-python = \">={1}\", or set NotebookPythonVersion and a ContainerBaseImage with a Python it allows, for example -p:NotebookPythonVersion=3.13 -p:ContainerBaseImage=python:3.13-slim.");

    public static readonly MessageDescriptor NB3062_RequiresPythonSyntax = new("NB3062", Severity.Error,
        "requires-python '{0}' in pyproject.toml is not a version specifier: {1}. Write it as PEP 440 does, for example requires-python = \">=3.10\" or \">=3.10,<3.14\".");

    // Locks per platform (ContainerRuntimeIdentifiers).
    public static readonly MessageDescriptor NB3063_UnknownLockRuntimeIdentifier = new("NB3063", Severity.Error,
        "'{0}' is not a runtime identifier Notebook.Sdk locks Python dependencies for; it locks for {1}. Write ContainerRuntimeIdentifiers with those, for example <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>.");

    // Imports.
    public static readonly MessageDescriptor NB3050_ImportNotLocked = new("NB3050", Severity.Warning,
        "Cell {0} imports '{1}', which neither requirements.lock nor the standard library provides. Add its distribution to requirements.txt or a PythonPackage item, for example '{2}', and run 'dotnet restore'.");
}
