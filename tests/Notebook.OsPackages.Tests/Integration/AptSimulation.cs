using Notebook.E2E;

namespace Notebook.OsPackages.Tests;

/// <summary>
/// apt itself as the reference: the base's dpkg status as apt's status file, apt's state, lists, cache and
/// configuration in a scratch folder (nothing of the machine's apt is read or written), `apt-get update`, then
/// `apt-get -s install --no-install-recommends` and its "Inst name (version ...)" lines.
/// </summary>
public sealed class AptSimulation(string folder, string mirror, string suite, string statusText)
{
    private string[] Options =>
    [
        "-o", $"Dir::State={folder}/state", "-o", $"Dir::State::status={folder}/status", "-o", $"Dir::Cache={folder}/cache",
        "-o", $"Dir::Etc={folder}/etc", "-o", $"Dir::Etc::SourceParts={folder}/etc/sources.list.d", "-o", $"Dir::Etc::Parts={folder}/etc/apt.conf.d",
        "-o", $"Dir::Etc::PreferencesParts={folder}/etc/preferences.d", "-o", $"Dir::Log={folder}/log",
        "-o", "APT::Architecture=amd64", "-o", "APT::Architectures=amd64", "-o", "Acquire::Languages=none", "-o", "Debug::NoLocking=1",
    ];

    public async Task UpdateAsync()
    {
        foreach (var d in new[] { "state/lists/partial", "cache/archives/partial", "etc/sources.list.d", "etc/apt.conf.d", "etc/preferences.d", "log" })
            Directory.CreateDirectory(Path.Combine(folder, d));
        await File.WriteAllTextAsync(Path.Combine(folder, "status"), statusText);
        await File.WriteAllTextAsync(Path.Combine(folder, "etc", "sources.list"),
            $"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] {mirror} {suite} main\n");
        await Command.RunCheckedAsync("apt-get", [.. Options, "update"], TimeSpan.FromMinutes(3));
    }

    /// <summary>What apt would install: name to version.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SimulateInstallAsync(params string[] packages)
    {
        var output = await Command.RunCheckedAsync("apt-get", [.. Options, "-s", "install", "--no-install-recommends", .. packages], TimeSpan.FromMinutes(1));
        return output.Split('\n').Where(l => l.StartsWith("Inst ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[1], p => p[2].TrimStart('('), StringComparer.Ordinal);
    }
}
