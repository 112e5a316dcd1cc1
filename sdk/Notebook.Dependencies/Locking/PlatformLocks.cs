using Notebook.Diagnostics;

namespace Notebook.Dependencies;

/// <summary>
/// One platform's lock: the runtime identifier it is for, its file, what pip resolves it for, and whether the image is
/// built for that platform (requirements.lock, the linux-x64 lock, is written even for an image without linux-x64).
/// </summary>
public sealed record PlatformLock(string RuntimeIdentifier, string LockPath, TargetEnvironment Target, bool InImage);

/// <summary>
/// Which locks a project has (docs/dependencies.md, "Several platforms"): <c>requirements.lock</c> for linux-x64, always,
/// for <see cref="TargetEnvironment.Platform"/> as given (NotebookPythonPlatform), so a one-platform project is what it
/// was; and one <c>requirements.RID.lock</c> next to it per other runtime identifier of the image, resolved for the same
/// tags with that RID's machine (<c>manylinux_2_36_x86_64</c> becomes <c>manylinux_2_36_aarch64</c>). Each file is a
/// plain pip requirements file with its own hashes, so each stays readable by <c>pip install --require-hashes -r</c>.
/// </summary>
public static class PlatformLocks
{
    public const string DefaultRuntimeIdentifier = "linux-x64";

    /// <summary>The machine name of each runtime identifier, as wheel platform tags write it.</summary>
    private static readonly IReadOnlyDictionary<string, string> s_machines = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["linux-x64"] = "x86_64",
        ["linux-arm64"] = "aarch64",
    };

    /// <summary>
    /// The locks for an image built for <paramref name="runtimeIdentifiers"/> (';'-separated, the image's own list:
    /// ContainerRuntimeIdentifier when set, else ContainerRuntimeIdentifiers; empty means linux-x64), the linux-x64 one first.
    /// </summary>
    public static IReadOnlyList<PlatformLock> For(string lockPath, TargetEnvironment target, string? runtimeIdentifiers)
    {
        var rids = (runtimeIdentifiers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (rids.Count == 0) rids.Add(DefaultRuntimeIdentifier);
        foreach (var rid in rids)
            if (!s_machines.ContainsKey(rid))
                throw Messages.NB3063_UnknownLockRuntimeIdentifier.Exception(rid, string.Join(", ", s_machines.Keys));
        var locks = new List<PlatformLock> { new(DefaultRuntimeIdentifier, lockPath, target, rids.Contains(DefaultRuntimeIdentifier)) };
        foreach (var rid in rids.Where(r => r != DefaultRuntimeIdentifier))
            locks.Add(new PlatformLock(rid, LockPathFor(lockPath, rid), TargetFor(target, rid), InImage: true));
        return locks;
    }

    /// <summary>requirements.lock gives requirements.linux-arm64.lock: the RID goes before the extension.</summary>
    public static string LockPathFor(string lockPath, string runtimeIdentifier)
    {
        if (runtimeIdentifier == DefaultRuntimeIdentifier) return lockPath;
        var directory = Path.GetDirectoryName(lockPath) ?? "";
        var name = Path.GetFileNameWithoutExtension(lockPath) + "." + runtimeIdentifier + Path.GetExtension(lockPath);
        return Path.Combine(directory, name);
    }

    /// <summary>
    /// The target with every platform tag of another machine rewritten to <paramref name="runtimeIdentifier"/>'s
    /// (<c>manylinux_2_36_x86_64</c>, <c>musllinux_1_2_x86_64</c>, <c>linux_x86_64</c> all end in the machine name);
    /// a tag naming no known machine is kept as written. linux-x64 is the target as given.
    /// </summary>
    public static TargetEnvironment TargetFor(TargetEnvironment target, string runtimeIdentifier)
    {
        if (runtimeIdentifier == DefaultRuntimeIdentifier) return target;
        var machine = s_machines[runtimeIdentifier];
        var tags = target.Platform.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(tag =>
        {
            foreach (var other in s_machines.Values)
                if (tag.EndsWith("_" + other, StringComparison.Ordinal)) return tag[..^other.Length] + machine;
            return tag;
        });
        return target with { Platform = string.Join(';', tags) };
    }
}
