namespace Notebook.OsPackages;

/// <summary>
/// Restore's one step for OS packages: resolve the inputs against the archive and the base into a packages.lock.
/// The caller decides about locked mode and writing (the same split as requirements.lock's restorer).
/// </summary>
public sealed class OsPackageResolverService(DebianArchive archive)
{
    public async Task<PackagesLock> LockAsync(OsPackageInputs inputs, BaseSystem baseSystem, string baseImageDigest, string mirror, CancellationToken ct)
    {
        if (!baseSystem.IsDebian)
            throw Messages.NB3125_BaseNotDebian.Exception(inputs.BaseImage, baseSystem.Id is { } id ? $" (it is '{baseSystem.OsRelease.GetValueOrDefault("PRETTY_NAME", id)}')" : "");
        var installed = new InstalledPackages(baseSystem.DpkgStatus!);
        if (installed.NativeArchitecture is { } native && native != inputs.Architecture)
            throw Messages.NB3127_BaseArchitectureMismatch.Exception(inputs.BaseImage, native, inputs.Architecture);
        var suite = inputs.Suite.Length > 0 ? inputs.Suite : baseSystem.Codename ?? "";
        if (suite.Length == 0)
            throw Messages.NB3125_BaseNotDebian.Exception(inputs.BaseImage, " (its /etc/os-release names no VERSION_CODENAME; set NotebookDebianSuite, for example bookworm)");
        var source = new ArchiveSource(mirror, suite, inputs.Components, inputs.Architecture);
        var (release, index) = await archive.OpenAsync(source, ct).ConfigureAwait(false);
        var plan = new PackageResolver(index, installed, source).Resolve(inputs.Requests);
        return new PackagesLock(inputs.Digest, "debian", suite, release.Codename.Length > 0 ? release.Codename : suite, inputs.Architecture,
            source.MirrorRoot, inputs.Components, inputs.BaseImage, baseImageDigest,
            inputs.Requests.Select(r => r.ToString()).ToArray(), plan.Select(LockedDebianPackage.From).ToArray());
    }
}
