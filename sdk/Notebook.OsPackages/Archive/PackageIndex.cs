namespace Notebook.OsPackages;

/// <summary>The packages of a suite for one architecture (its own and "all"), by name and by what they provide.</summary>
public sealed class PackageIndex
{
    private readonly Dictionary<string, List<PackageRecord>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PackageRecord>> _providers = new(StringComparer.Ordinal);

    public PackageIndex(IEnumerable<PackageRecord> records, string architecture)
    {
        foreach (var r in records)
        {
            if (r.Architecture != architecture && r.Architecture != "all") continue;
            Add(_byName, r.Name, r);
            foreach (var p in r.Provides) Add(_providers, p.Name, r);
        }
        foreach (var list in _byName.Values) list.Sort((a, b) => DebianVersion.Compare(b.Version, a.Version));
    }

    public int Count => _byName.Count;

    /// <summary>Every version of <paramref name="name"/>, newest first.</summary>
    public IReadOnlyList<PackageRecord> Versions(string name) => _byName.TryGetValue(name, out var l) ? l : [];

    public IReadOnlyList<PackageRecord> Providers(string name) => _providers.TryGetValue(name, out var l) ? l : [];

    public static IEnumerable<PackageRecord> Read(TextReader reader, string where) =>
        ControlFileReader.Read(reader).Select(p => PackageRecord.FromParagraph(p, where));

    private static void Add(Dictionary<string, List<PackageRecord>> d, string key, PackageRecord r)
    {
        if (!d.TryGetValue(key, out var list)) d[key] = list = [];
        list.Add(r);
    }
}
