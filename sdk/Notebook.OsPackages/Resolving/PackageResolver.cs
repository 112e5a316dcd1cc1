namespace Notebook.OsPackages;

/// <summary>
/// Which packages to add to a base so that the requested ones work: Pre-Depends and Depends followed, the first
/// installable alternative taken (apt's order), virtual names through Provides, what the base has counted as
/// installed. Recommends and Suggests are not followed (apt's --no-install-recommends, what apko and
/// rules_distroless do). Nothing of the base is ever upgraded or removed: a plan that needs it is an error.
/// </summary>
public sealed class PackageResolver(PackageIndex index, InstalledPackages installed, ArchiveSource source)
{
    private readonly Dictionary<string, PackageRecord> _planned = new(StringComparer.Ordinal);

    public IReadOnlyList<PackageRecord> Resolve(IEnumerable<DebianPackageRequest> requests)
    {
        foreach (var r in requests) Request(r);
        return _planned.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
    }

    private void Request(DebianPackageRequest r)
    {
        var have = installed.Find(r.Name);
        if (have is not null)
        {
            if (r.Version is not null && DebianVersion.Compare(have.Version, r.Version) != 0)
                throw Messages.NB3122_WouldUpgradeBasePackage.ExceptionAt(r.Source, r.Line, 0, r.Name, $"{r.Name} (= {r.Version})", r.Name, have.Version);
            return;
        }
        var versions = index.Versions(r.Name);
        if (versions.Count == 0)
        {
            var providers = index.Providers(r.Name);
            if (providers.Count == 0)
                throw Messages.NB3120_UnknownDebianPackage.ExceptionAt(r.Source, r.Line, 0, source.Suite, string.Join(", ", source.Components), source.Architecture, r.Name);
            if (installed.Providers(r.Name).Count > 0 || providers.Any(p => _planned.ContainsKey(p.Name))) return;
            var names = providers.Select(p => p.Name).Distinct().ToArray();
            if (names.Length > 1)
                throw Messages.NB3126_VirtualPackageAmbiguous.ExceptionAt(r.Source, r.Line, 0, r.Name, string.Join(", ", names));
            Add(providers[0]);
            return;
        }
        var pick = r.Version is null ? versions[0]
            : versions.FirstOrDefault(v => DebianVersion.Compare(v.Version, r.Version) == 0)
              ?? throw Messages.NB3121_DebianVersionNotAvailable.ExceptionAt(r.Source, r.Line, 0, r.Name, r.Version, string.Join(", ", versions.Select(v => v.Version)));
        Add(pick);
    }

    private void Add(PackageRecord package)
    {
        if (_planned.ContainsKey(package.Name)) return;
        _planned[package.Name] = package;
        CheckAgainstBase(package);
        foreach (var group in package.PreDepends.Concat(package.Depends))
            Satisfy(package, group);
    }

    private void Satisfy(PackageRecord from, IReadOnlyList<Relation> group)
    {
        if (group.Any(IsSatisfied)) return;
        // apt takes the first alternative it can install: a real package with a matching version, else a virtual one.
        foreach (var alt in group)
        {
            var candidate = index.Versions(alt.Name).FirstOrDefault(v => alt.SatisfiedBy(v.Version));
            if (candidate is null) continue;
            var base_ = installed.Find(alt.Name);
            if (base_ is not null)
                throw Messages.NB3122_WouldUpgradeBasePackage.Exception(from.Name, alt.ToString(), alt.Name, base_.Version);
            if (_planned.TryGetValue(alt.Name, out var planned))
                throw Messages.NB3124_UnsatisfiableDependency.Exception(from.Name, $"{alt} (the plan already holds {planned.Version})", SuiteText);
            Add(candidate);
            return;
        }
        foreach (var alt in group)
        {
            var providers = index.Providers(alt.Name).Where(p => alt.Version is null || p.Provides.Any(v => v.Name == alt.Name && v.Version is not null && alt.SatisfiedBy(v.Version))).ToArray();
            if (providers.Length == 0) continue;
            Add(providers[0]);
            return;
        }
        var baseHas = group.Select(a => installed.Find(a.Name)).FirstOrDefault(p => p is not null);
        if (baseHas is not null)
            throw Messages.NB3122_WouldUpgradeBasePackage.Exception(from.Name, string.Join(" | ", group), baseHas.Name, baseHas.Version);
        throw Messages.NB3124_UnsatisfiableDependency.Exception(from.Name, string.Join(" | ", group), SuiteText);
    }

    private string SuiteText => $"Debian {source.Suite} ({string.Join(", ", source.Components)}, {source.Architecture})";

    private bool IsSatisfied(Relation r)
    {
        var have = installed.Find(r.Name);
        if (have is not null && r.SatisfiedBy(have.Version)) return true;
        if (_planned.TryGetValue(r.Name, out var planned) && r.SatisfiedBy(planned.Version)) return true;
        // A versioned dependency is met by a Provides only when that Provides carries a version (Policy 7.5).
        bool ProvidedOk(IReadOnlyList<Relation> provides) =>
            provides.Any(p => p.Name == r.Name && (r.Version is null || (p.Version is not null && r.SatisfiedBy(p.Version))));
        return installed.Providers(r.Name).Any(p => ProvidedOk(p.Provides))
            || _planned.Values.Any(p => ProvidedOk(p.Provides));
    }

    private void CheckAgainstBase(PackageRecord package)
    {
        foreach (var (kind, relations) in new[] { ("conflicts with", package.Conflicts), ("breaks", package.Breaks) })
            foreach (var rel in relations)
            {
                if (rel.Name == package.Name) continue;
                var have = installed.Find(rel.Name);
                if (have is not null && rel.SatisfiedBy(have.Version))
                    throw Messages.NB3123_WouldRemoveBasePackage.Exception(package.Name, kind, rel.ToString(), $"{have.Name} {have.Version}");
            }
    }
}
