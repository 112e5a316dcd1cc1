using Notebook.Diagnostics;

namespace Notebook.Execution.Kernels;

/// <summary>
/// Finds kernelspecs the way jupyter_client does: each Jupyter data directory in
/// <see cref="DataDirectories"/> order holds <c>kernels/&lt;name&gt;/kernel.json</c>; the first directory that
/// has a name wins; names are compared lowercased (jupyter_client lowercases them).
/// </summary>
public sealed class KernelSpecFinder
{
    private const string LegacyPythonName = "python";
    private const string NativePythonName = "python3";

    public KernelSpecFinder(IReadOnlyList<string>? dataDirectories = null)
    {
        DataDirectories = dataDirectories ?? DefaultDataDirectories(Environment.GetEnvironmentVariable);
    }

    public IReadOnlyList<string> DataDirectories { get; }

    /// <summary>
    /// jupyter_core's <c>jupyter_path()</c> on Linux: <c>JUPYTER_PATH</c> entries, the user data directory
    /// (<c>JUPYTER_DATA_DIR</c>, else <c>$XDG_DATA_HOME/jupyter</c>, else <c>~/.local/share/jupyter</c>), the
    /// active environment's <c>share/jupyter</c> (<c>VIRTUAL_ENV</c>, <c>CONDA_PREFIX</c>; this process has no
    /// <c>sys.prefix</c>), then <c>/usr/local/share/jupyter</c> and <c>/usr/share/jupyter</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultDataDirectories(Func<string, string?> getEnvironmentVariable)
    {
        var result = new List<string>();
        var jupyterPath = getEnvironmentVariable("JUPYTER_PATH");
        if (!string.IsNullOrEmpty(jupyterPath))
        {
            result.AddRange(jupyterPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        result.Add(KernelSpecInstaller.UserDataDirectory(getEnvironmentVariable));
        foreach (var prefix in new[] { getEnvironmentVariable("VIRTUAL_ENV"), getEnvironmentVariable("CONDA_PREFIX") })
        {
            if (!string.IsNullOrEmpty(prefix))
            {
                result.Add(Path.Combine(prefix, "share", "jupyter"));
            }
        }

        result.Add("/usr/local/share/jupyter");
        result.Add("/usr/share/jupyter");
        return result.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every kernel found: lowercased name to resource directory, first data directory wins.</summary>
    public IReadOnlyDictionary<string, string> FindAll()
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dataDir in DataDirectories)
        {
            var kernels = Path.Combine(dataDir, "kernels");
            if (!Directory.Exists(kernels))
            {
                continue;
            }

            foreach (var dir in Directory.EnumerateDirectories(kernels).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir).ToLowerInvariant();
                if (File.Exists(Path.Combine(dir, "kernel.json")))
                {
                    found.TryAdd(name, dir);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The kernelspec named <paramref name="name"/> (case-insensitive), or NB5101 listing what exists. The name
    /// <c>python</c>, which old notebooks carry, means <c>python3</c> when no spec is named <c>python</c>, as
    /// jupyter_client's KernelManager maps it.
    /// </summary>
    public KernelSpec Find(string name)
    {
        var all = FindAll();
        name = name.ToLowerInvariant();
        if (name == LegacyPythonName && !all.ContainsKey(name) && all.ContainsKey(NativePythonName))
        {
            name = NativePythonName;
        }

        if (!all.TryGetValue(name, out var dir))
        {
            throw Messages.NB5101_KernelNotFound.Exception(
                name,
                string.Join(", ", DataDirectories.Select(d => Path.Combine(d, "kernels"))),
                all.Count == 0 ? "(none)" : string.Join(", ", all.Keys));
        }

        return KernelSpec.Read(name, dir);
    }
}
