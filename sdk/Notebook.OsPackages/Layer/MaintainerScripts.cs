using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.OsPackages;

/// <summary>What happens to one maintainer script when the layer is made (nothing is ever run in the image).</summary>
public enum ScriptHandling
{
    /// <summary>Its effect is re-done by the layer builder (see <see cref="MaintainerScripts.Table"/>).</summary>
    Redone,
    /// <summary>Its effect does not matter in a container (menus, init scripts, upgrades from older versions, caches built at run time).</summary>
    NotNeeded,
    /// <summary>Not known: skipped, with one NB3143 warning.</summary>
    Skipped,
}

/// <summary>
/// The documented table of maintainer-script effects (docs/dependencies.md). A fresh install runs preinst and
/// postinst (and debconf's config); prerm and postrm never run at install. Scripts that only do what the layer does
/// anyway (the ldconfig trigger, update-alternatives with literal arguments) need no entry.
/// </summary>
public static partial class MaintainerScripts
{
    public static readonly IReadOnlyDictionary<(string Package, string Script), (ScriptHandling Handling, string Why)> Table =
        new Dictionary<(string, string), (ScriptHandling, string)>
        {
            [("libgvc6", "postinst")] = (ScriptHandling.Redone, "libgvc6-config-update -c (dot -c) writes graphviz's plugin config, config6a"),
            [("fontconfig-config", "postinst")] = (ScriptHandling.Redone, "debconf's default answers link 10-hinting-slight.conf and 70-no-bitmaps.conf into /etc/fonts/conf.d"),
            [("fontconfig-config", "config")] = (ScriptHandling.NotNeeded, "asks debconf questions; their defaults are what the postinst entry applies"),
            [("fontconfig-config", "preinst")] = (ScriptHandling.NotNeeded, "removes conffiles of versions before 2.10 (upgrades only)"),
            [("fontconfig", "postinst")] = (ScriptHandling.NotNeeded, "fc-cache: without a cache fontconfig scans the font folders when a program starts"),
            [("graphviz", "postinst")] = (ScriptHandling.NotNeeded, "update-menus: desktop menus"),
            [("x11-common", "postinst")] = (ScriptHandling.NotNeeded, "registers an init script; containers run no init"),
            [("x11-common", "config")] = (ScriptHandling.NotNeeded, "debconf cleanup"),
        };

    public static readonly string[] InstallScripts = ["preinst", "config", "postinst"];

    public static ScriptHandling Classify(string package, string script, string text)
    {
        if (Table.TryGetValue((package, script), out var entry)) return entry.Handling;
        var meaningful = MeaningfulLines(text).ToArray();
        if (meaningful.Length == 0) return ScriptHandling.NotNeeded;
        return script == "postinst" && meaningful.All(l => IsAlternativesLine(l) || IsConfigureGuard(l)) && Alternatives(text).Any()
            ? ScriptHandling.Redone : ScriptHandling.Skipped;
    }

    /// <summary>
    /// <c>update-alternatives --install LINK NAME PATH PRIORITY [--slave LINK NAME PATH]...</c> calls with literal
    /// arguments, as debhelper writes them (continuation lines joined).
    /// </summary>
    public static IEnumerable<Alternative> Alternatives(string postinst)
    {
        var joined = postinst.Replace("\\\n", " ");
        foreach (Match m in InstallCall().Matches(joined))
        {
            var slaves = SlaveCall().Matches(m.Groups["rest"].Value)
                .Select(s => new AlternativeLink(s.Groups["link"].Value, s.Groups["name"].Value, s.Groups["path"].Value)).ToArray();
            yield return new Alternative(new AlternativeLink(m.Groups["link"].Value, m.Groups["name"].Value, m.Groups["path"].Value),
                int.Parse(m.Groups["prio"].Value, System.Globalization.CultureInfo.InvariantCulture), slaves);
        }
    }

    private static IEnumerable<string> MeaningfulLines(string text) =>
        text.Replace("\\\n", " ").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l is not ("set -e" or "exit 0" or "fi" or "esac" or ";;" or "then" or "else"));

    private static bool IsAlternativesLine(string l) => l.StartsWith("update-alternatives ", StringComparison.Ordinal);

    private static bool IsConfigureGuard(string l) =>
        l.StartsWith("if [ \"$1\" = \"configure\" ]", StringComparison.Ordinal) || l.StartsWith("if [ \"$1\" = configure ]", StringComparison.Ordinal)
        || l.StartsWith("case \"$1\" in", StringComparison.Ordinal) || l.StartsWith("configure)", StringComparison.Ordinal);

    [GeneratedRegex(@"update-alternatives\s+--install\s+(?<link>/[^\s$`""']+)\s+(?<name>[A-Za-z0-9._+-]+)\s+(?<path>/[^\s$`""']+)\s+(?<prio>\d+)(?<rest>(?:\s+--slave\s+\S+\s+\S+\s+\S+)*)")]
    private static partial Regex InstallCall();

    [GeneratedRegex(@"--slave\s+(?<link>/[^\s$`""']+)\s+(?<name>[A-Za-z0-9._+-]+)\s+(?<path>/[^\s$`""']+)")]
    private static partial Regex SlaveCall();
}

public sealed record AlternativeLink(string Link, string Name, string Path);

public sealed record Alternative(AlternativeLink Master, int Priority, IReadOnlyList<AlternativeLink> Slaves)
{
    /// <summary>
    /// The layer's entries for the chosen alternative: LINK -> /etc/alternatives/NAME -> PATH for the master and each
    /// slave, and dpkg's record var/lib/dpkg/alternatives/NAME in auto mode (the format update-alternatives writes).
    /// </summary>
    public IEnumerable<RootEntry> Entries()
    {
        foreach (var l in Slaves.Prepend(Master))
        {
            yield return RootEntry.Symlink(l.Link.TrimStart('/'), "/etc/alternatives/" + l.Name);
            yield return RootEntry.Symlink("etc/alternatives/" + l.Name, l.Path);
        }
        var sb = new StringBuilder("auto\n").Append(Master.Link).Append('\n');
        foreach (var s in Slaves) sb.Append(s.Name).Append('\n').Append(s.Link).Append('\n');
        sb.Append('\n').Append(Master.Path).Append('\n').Append(Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        foreach (var s in Slaves) sb.Append(s.Path).Append('\n');
        sb.Append('\n');
        yield return RootEntry.File("var/lib/dpkg/alternatives/" + Master.Name, Encoding.UTF8.GetBytes(sb.ToString()));
    }
}
