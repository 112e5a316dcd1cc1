namespace Notebook.OsPackages;

/// <summary>apt.txt and DebianPackage items become one list: one entry per name, sorted; two different versions of a name are NB3102.</summary>
public static class DebianPackageMerger
{
    public static IReadOnlyList<DebianPackageRequest> Merge(IEnumerable<DebianPackageRequest> requests)
    {
        var byName = new Dictionary<string, DebianPackageRequest>(StringComparer.Ordinal);
        foreach (var r in requests)
        {
            if (!DebianPackageRequest.IsValidName(r.Name))
                throw Messages.NB3100_AptLineSyntax.ExceptionAt(r.Source, r.Line, 0, r.Name,
                    "a name has lowercase letters, digits, '+', '-' and '.' (at least two characters)");
            if (r.Version is not null && !DebianVersion.TryParse(r.Version, out _))
                throw Messages.NB3101_DebianPackageVersion.ExceptionAt(r.Source, r.Line, 0, r.Name, r.Version);
            if (!byName.TryGetValue(r.Name, out var seen)) { byName[r.Name] = r; continue; }
            if (seen.Version is not null && r.Version is not null && DebianVersion.Compare(seen.Version, r.Version) != 0)
                throw Messages.NB3102_ConflictingDebianVersions.ExceptionAt(r.Source, r.Line, 0, r.Name, seen.Version, seen.Source, r.Version, r.Source);
            if (seen.Version is null && r.Version is not null) byName[r.Name] = r;
        }
        return byName.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
    }
}
