namespace Notebook.Dependencies;

/// <summary>
/// Top-level standard library module names for Python 3.8 to 3.13 (resource <c>stdlib-modules.txt</c>, generated from
/// <c>sys.stdlib_module_names</c>; see docs/dependencies.md). An unknown version uses the nearest one listed.
/// </summary>
public static class StdlibModules
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> s_byVersion = new(Load);

    public static IReadOnlySet<string> For(string pythonVersion)
    {
        var all = s_byVersion.Value;
        if (all.TryGetValue(pythonVersion, out var names)) return names;
        var wanted = ParseMinor(pythonVersion);
        var nearest = all.Keys.OrderBy(v => Math.Abs(ParseMinor(v) - wanted)).ThenByDescending(ParseMinor).First();
        return all[nearest];
    }

    public static IEnumerable<string> Versions => s_byVersion.Value.Keys.Order(StringComparer.Ordinal);

    private static int ParseMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length > 1 && int.TryParse(parts[1], out var minor) ? minor : 12;
    }

    private static Dictionary<string, HashSet<string>> Load()
    {
        using var stream = typeof(StdlibModules).Assembly.GetManifestResourceStream("Notebook.Dependencies.stdlib-modules.txt")
            ?? throw new InvalidOperationException("stdlib-modules.txt is not embedded");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string? version = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.StartsWith('[')) { version = line.Trim('[', ']'); continue; }
            if (version is null) continue;
            result[version] = new HashSet<string>(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        }
        return result;
    }
}
