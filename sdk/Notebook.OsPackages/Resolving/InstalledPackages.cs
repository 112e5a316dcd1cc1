namespace Notebook.OsPackages;

/// <summary>One package the base has installed, from its dpkg status.</summary>
public sealed record InstalledPackage(string Name, string Version, string Architecture, IReadOnlyList<Relation> Provides);

/// <summary>
/// A base image's /var/lib/dpkg/status: what is installed ("Status: install ok installed" only; removed packages
/// that left config files count as absent, as apt counts them).
/// </summary>
public sealed class InstalledPackages
{
    public const string StatusPath = "var/lib/dpkg/status";

    private readonly Dictionary<string, InstalledPackage> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InstalledPackage>> _providers = new(StringComparer.Ordinal);

    public InstalledPackages(string statusText)
    {
        StatusText = statusText;
        foreach (var p in ControlFileReader.Parse(statusText))
        {
            var status = (p["Status"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (status.Length != 3 || status[2] != "installed") continue;
            var pkg = new InstalledPackage(p.Require("Package", StatusPath), p.Require("Version", StatusPath), p["Architecture"] ?? "all",
                PackageRecord.Flat(p["Provides"]));
            _byName[pkg.Name] = pkg;
            foreach (var v in pkg.Provides)
            {
                if (!_providers.TryGetValue(v.Name, out var l)) _providers[v.Name] = l = [];
                l.Add(pkg);
            }
        }
    }

    /// <summary>The status file as read, for the layer's updated copy.</summary>
    public string StatusText { get; }

    public int Count => _byName.Count;

    public InstalledPackage? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<InstalledPackage> Providers(string name) => _providers.TryGetValue(name, out var l) ? l : [];

    /// <summary>The architecture dpkg was set up for: that of the packages that have one.</summary>
    public string? NativeArchitecture =>
        _byName.Values.Where(p => p.Architecture != "all").GroupBy(p => p.Architecture).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
}
