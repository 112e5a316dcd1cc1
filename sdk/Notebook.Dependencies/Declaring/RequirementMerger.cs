namespace Notebook.Dependencies;

/// <summary>
/// Merges requirements from several sources into one sorted list: one line per (name, marker), extras and
/// version clauses united. Two different exact pins ('==1.0' and '==2.0') of one name are NB3004, naming both
/// sources; any other incompatibility is left to pip's resolver (NB3023).
/// </summary>
public static class RequirementMerger
{
    public static IReadOnlyList<Requirement> Merge(IEnumerable<Requirement> requirements)
    {
        var list = requirements.ToList();
        foreach (var group in list.GroupBy(r => r.NormalizedName))
        {
            var pinned = group.Where(r => r.PinnedVersion is not null).ToList();
            for (var i = 1; i < pinned.Count; i++)
            {
                if (SameVersion(pinned[0].PinnedVersion!, pinned[i].PinnedVersion!)) continue;
                throw Messages.NB3004_ConflictingRequirements.ExceptionAt(pinned[i].Source.File, pinned[i].Source.Line, 0,
                    group.Key, "==" + pinned[0].PinnedVersion, pinned[0].Source, "==" + pinned[i].PinnedVersion, pinned[i].Source);
            }
            var urls = group.Where(r => r.Url is not null).Select(r => r.Url).Distinct().ToList();
            if (urls.Count > 1)
                throw Messages.NB3004_ConflictingRequirements.ExceptionAt(group.First().Source.File, group.First().Source.Line, 0,
                    group.Key, " @ " + urls[0], group.First(r => r.Url == urls[0]).Source, " @ " + urls[1], group.First(r => r.Url == urls[1]).Source);
        }
        return list
            .GroupBy(r => (r.NormalizedName, r.Marker))
            .Select(g => g.First() with
            {
                Name = g.Key.NormalizedName,
                Extras = g.SelectMany(r => r.Extras).Distinct().Order(StringComparer.Ordinal).ToArray(),
                Clauses = g.SelectMany(r => r.Clauses).Distinct().Order(StringComparer.Ordinal).ToArray(),
                Url = g.Select(r => r.Url).FirstOrDefault(u => u is not null),
            })
            .OrderBy(r => r.NormalizedName, StringComparer.Ordinal)
            .ThenBy(r => r.Marker ?? "", StringComparer.Ordinal)
            .ToArray();
    }

    // PEP 440: trailing zero release segments do not change a version ('1.0' == '1.0.0').
    private static bool SameVersion(string a, string b) => Trim(a) == Trim(b);

    private static string Trim(string v)
    {
        v = v.Trim().ToLowerInvariant();
        while (v.EndsWith(".0", StringComparison.Ordinal)) v = v[..^2];
        return v;
    }
}
