namespace Notebook.Diagnostics;

// NB31xx: operating-system packages (apt.txt, DebianPackage items, packages.lock, the OS-packages layer).
// What each one means and what to do: docs/dependencies.md, "Operating-system packages".
public static partial class Messages
{
    // Declaring.
    public static readonly MessageDescriptor NB3100_AptLineSyntax = new("NB3100", Severity.Error,
        "'{0}' is not a Debian package name: {1}. Write one package per line, a name and nothing else, for example 'libgomp1' ('#' starts a comment; for a version use <DebianPackage Include=\"libgomp1\" Version=\"12.2.0-14+deb12u1\" />).");

    public static readonly MessageDescriptor NB3101_DebianPackageVersion = new("NB3101", Severity.Error,
        "DebianPackage '{0}' has the Version '{1}', which is not a Debian version. Give the exact version the archive has, for example <DebianPackage Include=\"{0}\" Version=\"1.2.3-1\" />, or leave Version out for the suite's current one.");

    public static readonly MessageDescriptor NB3102_ConflictingDebianVersions = new("NB3102", Severity.Error,
        "Debian package '{0}' is asked for at version {1} in {2} and at {3} in {4}. Keep one version in one place, for example only <DebianPackage Include=\"{0}\" Version=\"{1}\" />.");

    // The archive.
    public static readonly MessageDescriptor NB3110_ReleaseSignatureInvalid = new("NB3110", Severity.Error,
        "{0} is not signed by a Debian archive key the SDK trusts ({1}). Check that NotebookDebianMirror points at a Debian mirror (for example http://deb.debian.org/debian) and that nothing between you and it rewrites files.");

    public static readonly MessageDescriptor NB3111_MirrorUnreachable = new("NB3111", Severity.Error,
        "The Debian mirror could not be reached for {0} ({1}). Check the network, or set NotebookDebianMirror to a reachable mirror, for example -p:NotebookDebianMirror=http://deb.debian.org/debian.");

    public static readonly MessageDescriptor NB3112_IndexHashMismatch = new("NB3112", Severity.Error,
        "{0} does not match the SHA256 its signed InRelease gives ({1} expected, {2} received). The mirror is being updated or serves altered files: run 'dotnet restore' again later, or use another mirror (NotebookDebianMirror).");

    public static readonly MessageDescriptor NB3113_IndexNotInRelease = new("NB3113", Severity.Error,
        "The suite '{0}' of {1} has no index {2}. Check NotebookDebianSuite (for example bookworm), NotebookDebianComponents (for example main) and the image's architecture.");

    public static readonly MessageDescriptor NB3114_ReleaseUnreadable = new("NB3114", Severity.Error,
        "{0} cannot be read ({1}). Check that NotebookDebianMirror points at a Debian mirror, for example http://deb.debian.org/debian.");

    // Resolving.
    public static readonly MessageDescriptor NB3120_UnknownDebianPackage = new("NB3120", Severity.Error,
        "Debian {0} ({1}, {2}) has no package '{3}'. Check the name on https://packages.debian.org/{0}/{3}, for example 'libgomp1' rather than 'gomp'.");

    public static readonly MessageDescriptor NB3121_DebianVersionNotAvailable = new("NB3121", Severity.Error,
        "Debian package '{0}' is asked for at version {1}, but the mirror has {2}. Ask for a version it has, for example <DebianPackage Include=\"{0}\" Version=\"{2}\" />, or leave Version out.");

    public static readonly MessageDescriptor NB3122_WouldUpgradeBasePackage = new("NB3122", Severity.Error,
        "'{0}' needs {1}, but the base image has {2} {3}, and packages of the base are never upgraded in a layer. Use a newer base image (ContainerBaseImage), or ask for an older '{0}' with a DebianPackage Version.");

    public static readonly MessageDescriptor NB3123_WouldRemoveBasePackage = new("NB3123", Severity.Error,
        "'{0}' {1} '{2}', which the base image has ({3}); installing it would remove or break a package of the base. Leave '{0}' out, or use a base image without '{2}'.");

    public static readonly MessageDescriptor NB3124_UnsatisfiableDependency = new("NB3124", Severity.Error,
        "'{0}' depends on '{1}', which no package of {2} provides. Ask for another version of '{0}', or add a component that has it (NotebookDebianComponents, for example main;contrib).");

    public static readonly MessageDescriptor NB3125_BaseNotDebian = new("NB3125", Severity.Error,
        "The base image {0} has no dpkg database (/var/lib/dpkg/status), so Debian packages cannot be added to it{1}. Use a Debian-based image, for example ContainerBaseImage=python:3.12-slim, or remove apt.txt and the DebianPackage items.");

    public static readonly MessageDescriptor NB3126_VirtualPackageAmbiguous = new("NB3126", Severity.Error,
        "'{0}' is a virtual package that several packages provide ({1}). Name the one you want, for example 'libgomp1' rather than a virtual name, in apt.txt or a DebianPackage item.");

    public static readonly MessageDescriptor NB3127_BaseArchitectureMismatch = new("NB3127", Severity.Error,
        "The base image {0} is a Debian {1} image but packages are resolved for {2}. Resolve for the base's architecture (ContainerRuntimeIdentifier) or use a {2} base image.");

    // packages.lock.
    public static readonly MessageDescriptor NB3130_PackagesLockMissingInLockedMode = new("NB3130", Severity.Error,
        "{0} is missing and NotebookLockedMode is true, so it is not created. Run 'dotnet restore' without locked mode (-p:NotebookLockedMode=false) and commit {0}.");

    public static readonly MessageDescriptor NB3131_PackagesLockStaleInLockedMode = new("NB3131", Severity.Error,
        "{0} does not match the project's Debian packages (its inputs digest is {1}, apt.txt and the DebianPackage items now give {2}) and NotebookLockedMode is true, so it is not rewritten. Run 'dotnet restore' without locked mode (-p:NotebookLockedMode=false) and commit {0}.");

    public static readonly MessageDescriptor NB3132_PackagesLockBaseChangedInLockedMode = new("NB3132", Severity.Error,
        "{0} was resolved against the base image digest {1}, but {2} is now {3}, and NotebookLockedMode is true, so it is not rewritten. Pin the base image (NotebookBaseImageDigest={1}), or run 'dotnet restore' without locked mode and commit {0}.");

    public static readonly MessageDescriptor NB3133_PackagesLockUnreadable = new("NB3133", Severity.Error,
        "{0} cannot be read ({1}). Delete it and run 'dotnet restore' to write it again.");

    public static readonly MessageDescriptor NB3134_PackagesLockWritten = new("NB3134", Severity.Info,
        "{0} was {1}: {2} Debian packages for {3} {4} against the base {5}.");

    public static readonly MessageDescriptor NB3135_PackagesLockStale = new("NB3135", Severity.Warning,
        "{0} is {1}: apt.txt or the DebianPackage items changed since it was written. Run 'dotnet restore' to refresh it (a build with --no-restore never resolves packages).");

    // The OS-packages layer.
    public static readonly MessageDescriptor NB3140_DebDownloadFailed = new("NB3140", Severity.Error,
        "{0} {1} could not be downloaded from {2} ({3}). Debian mirrors drop superseded versions: run 'dotnet restore' without locked mode to lock the current ones, or fill the package cache (NotebookDebianPackageCache) from a machine that has them.");

    public static readonly MessageDescriptor NB3141_DebHashMismatch = new("NB3141", Severity.Error,
        "{0} {1} does not match packages.lock (SHA256 {2} expected, {3} received); it is not used. If the archive really changed, run 'dotnet restore' to lock it again; otherwise check the mirror.");

    public static readonly MessageDescriptor NB3142_PathOwnedTwice = new("NB3142", Severity.Error,
        "'{0}' is shipped by both {1} and {2}; a layer cannot hold both. Leave one of the two packages out of apt.txt or the DebianPackage items.");

    public static readonly MessageDescriptor NB3143_MaintainerScriptSkipped = new("NB3143", Severity.Warning,
        "The {0} script of {1} was not run (nothing runs while the layer is made) and has no known effect the SDK re-does. If the package misbehaves in the image, install it in a base image instead (docs/dependencies.md lists what is re-done).");

    public static readonly MessageDescriptor NB3144_DebUnreadable = new("NB3144", Severity.Error,
        "{0} cannot be read as a Debian package ({1}). Delete it from the package cache ({2}) and publish again.");

    public static readonly MessageDescriptor NB3145_PackagesLockNeededForLayer = new("NB3145", Severity.Error,
        "The OS-packages layer cannot be made: {0} is {1}. Run 'dotnet restore' and commit {0}.");

    public static readonly MessageDescriptor NB3146_HostToolMissing = new("NB3146", Severity.Warning,
        "{0} was not re-done in the OS-packages layer: {1}. {2} Publish on a Linux {3} build machine (a CI runner or a container) for the complete layer.");

    public static readonly MessageDescriptor NB3147_BaseMovedSinceLock = new("NB3147", Severity.Error,
        "packages.lock was resolved against the base {0}@{1}, but the base now resolves to {2}. Run 'dotnet restore' to resolve against the new base, or pin the old one with NotebookBaseImageDigest={1}.");

    public static readonly MessageDescriptor NB3148_OsPackagesOnePlatform = new("NB3148", Severity.Error,
        "Debian packages are locked for one architecture, but the image is published for {0}. Publish one platform (ContainerRuntimeIdentifier, for example linux-x64), or remove apt.txt and the DebianPackage items.");
}
