using Notebook.Documents;

namespace Notebook.Dependencies.NuGet;

/// <summary>
/// Restore and build for the notebooks' <c>#r "nuget: ..."</c> packages, as for the Python lock: restore writes the
/// lock when it is missing or stale (locked mode refuses, NB3204); build compares without network (NB3205 warning, an
/// error in locked mode). A project whose notebooks ask for no package has no lock, and a lock left over is removed
/// at restore.
/// </summary>
public static class NuGetLocking
{
    /// <summary>The directives of the notebooks at <paramref name="notebooks"/> (full path, path to show); unreadable notebooks are the build's business.</summary>
    public static (IReadOnlyList<NuGetDirective> Directives, IReadOnlyList<Diagnostic> Diagnostics) Scan(IEnumerable<(string Path, string Shown)> notebooks)
    {
        var documents = new List<(string, NotebookDocument)>();
        foreach (var (path, shown) in notebooks)
        {
            try
            {
                documents.Add((shown, NotebookReader.Read(path)));
            }
            catch (NotebookSdkException)
            {
                // CheckNotebooks reports it, with its code and line.
            }
        }
        return NuGetDirectiveScanner.Scan(documents);
    }

    /// <summary>Writes or refreshes the lock; returns false (with the errors reported) when it could not.</summary>
    public static async Task<bool> RestoreAsync(IReadOnlyList<NuGetDirective> directives, string lockPath, bool lockedMode, NuGetRestorer restorer,
        Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var differences = Differences(directives, lockPath);
        if (differences.Count == 0) return true;
        if (lockedMode)
        {
            report(Messages.NB3204_NuGetLockStale.Create(lockPath, string.Join("; ", differences)));
            return false;
        }
        if (directives.Count == 0)
        {
            File.Delete(lockPath);
            return true;
        }
        var text = await restorer.RestoreAsync(directives, cancellationToken);
        NuGetLock.Parse(text, lockPath);
        AtomicWrite.WriteIfChanged(lockPath, System.Text.Encoding.UTF8.GetBytes(text));
        return true;
    }

    /// <summary>Compares without network: NB3205 (a warning) when stale, NB3204 in locked mode.</summary>
    public static void Check(IReadOnlyList<NuGetDirective> directives, string lockPath, bool lockedMode, Action<Diagnostic> report)
    {
        var differences = Differences(directives, lockPath);
        if (differences.Count == 0) return;
        var text = string.Join("; ", differences);
        report(lockedMode ? Messages.NB3204_NuGetLockStale.Create(lockPath, text) : Messages.NB3205_NuGetLockOutdated.Create(lockPath, text));
    }

    private static IReadOnlyList<string> Differences(IReadOnlyList<NuGetDirective> directives, string lockPath)
    {
        if (!File.Exists(lockPath))
            return directives.Count == 0 ? [] : [$"the lock is missing ({string.Join(", ", directives.Select(d => $"{d.Id} {d.Version}"))} asked for)"];
        return NuGetLock.Load(lockPath).Differences(directives);
    }
}
