using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Notebook.Images;

namespace Notebook.OsPackages;

/// <summary>What the OS-packages layer is made from.</summary>
public sealed record OsPackagesLayerRequest(PackagesLock Lock, BaseSystem Base, IReadOnlyList<string> BaseLayerPaths, DebCache Cache,
    string OutputDirectory, DateTimeOffset Timestamp);

/// <summary>
/// The OS-packages layer, the rules_distroless/apko way: each locked .deb fetched (verified by SHA256), its data.tar
/// laid out without running anything, paths under /lib, /bin, /sbin, /lib64 moved under /usr on a merged-/usr base
/// (laid unchanged they would replace the /lib symlink and nothing would start), a path shipped by two packages
/// refused, dpkg's database extended (status and info/), the ld.so cache regenerated and the maintainer-script
/// effects of <see cref="MaintainerScripts.Table"/> re-done. Entries sorted, one mtime, owners as packaged.
/// </summary>
public sealed class OsPackagesLayerBuilder(IDiagnosticLog log)
{
    public const string LayerName = "os-packages";

    private static readonly string[] UsrMerged = ["bin", "sbin", "lib", "lib64", "lib32", "libx32"];

    public async Task<Layer> BuildAsync(OsPackagesLayerRequest request, CancellationToken ct)
    {
        var entries = await ComposeAsync(request, ct).ConfigureAwait(false);
        var raw = Path.Combine(request.OutputDirectory, $".{Guid.NewGuid():N}.os.tar");
        Directory.CreateDirectory(request.OutputDirectory);
        try
        {
            await using (var f = new FileStream(raw, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await using (var tar = new TarWriter(f, TarEntryFormat.Gnu, leaveOpen: true))
                    foreach (var e in entries) await tar.WriteEntryAsync(ToTar(e), ct).ConfigureAwait(false);
                f.Position = 0;
                return await RootfsLayerBuilder.BuildFromTarAsync(f, LayerName, request.OutputDirectory, request.Timestamp, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (File.Exists(raw)) File.Delete(raw);
        }
    }

    /// <summary>The layer's entries, sorted by path with every parent directory present.</summary>
    public async Task<IReadOnlyList<RootEntry>> ComposeAsync(OsPackagesLayerRequest request, CancellationToken ct)
    {
        var files = new SortedDictionary<string, RootEntry>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var paragraphs = new List<ControlParagraph>();
        var alternatives = new List<Alternative>();
        var skipped = new List<(string Package, string Script)>();
        var merged = request.Base.MergedUsr;
        var arch = request.Lock.Architecture;

        foreach (var locked in request.Lock.Packages)
        {
            var path = await request.Cache.GetAsync(locked, request.Lock.Mirror, ct).ConfigureAwait(false);
            DebFile deb;
            try { deb = DebFile.Read(path); }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
            { throw Messages.NB3144_DebUnreadable.Exception($"{locked.Name} {locked.Version}", e.Message, request.Cache.Directory); }

            var list = new StringBuilder("/.\n");
            foreach (var entry in deb.Data)
            {
                list.Append('/').Append(entry.Path).Append('\n');
                var placed = merged ? entry with { Path = UnderUsr(entry.Path), LinkName = entry.Type == TarEntryType.SymbolicLink ? entry.LinkName : "" } : entry;
                if (placed.IsDirectory)
                {
                    files.TryAdd(placed.Path, placed);
                    continue;
                }
                if (owners.TryGetValue(placed.Path, out var other))
                    throw Messages.NB3142_PathOwnedTwice.Exception("/" + placed.Path, other, locked.Name);
                owners[placed.Path] = locked.Name;
                files[placed.Path] = placed;
            }

            var info = "var/lib/dpkg/info/" + (deb.Control["Multi-Arch"] == "same" ? $"{locked.Name}:{deb.Control["Architecture"]}" : locked.Name);
            Add(files, RootEntry.File(info + ".list", Encoding.UTF8.GetBytes(list.ToString())));
            foreach (var (member, bytes) in deb.ControlMembers)
            {
                if (member == "control") continue;
                var script = member is "preinst" or "postinst" or "prerm" or "postrm" or "config";
                Add(files, RootEntry.File($"{info}.{member}", bytes, executable: script));
            }

            var paragraph = deb.Control.With("Status", "install ok installed", after: "Package");
            if (deb.ControlMembers.TryGetValue("conffiles", out var conffiles))
                paragraph = paragraph.With("Conffiles", ConffilesField(conffiles, deb));
            paragraphs.Add(paragraph);

            foreach (var script in MaintainerScripts.InstallScripts)
            {
                if (!deb.ControlMembers.TryGetValue(script, out var body)) continue;
                var text = Encoding.UTF8.GetString(body);
                switch (MaintainerScripts.Classify(locked.Name, script, text))
                {
                    case ScriptHandling.Skipped:
                        skipped.Add((locked.Name, script));
                        break;
                    case ScriptHandling.Redone when script == "postinst":
                        alternatives.AddRange(MaintainerScripts.Alternatives(text));
                        break;
                }
            }
        }

        // update-alternatives in auto mode: the highest priority wins a name.
        foreach (var alt in alternatives.GroupBy(a => a.Master.Name).Select(g => g.OrderByDescending(a => a.Priority).ThenBy(a => a.Master.Path, StringComparer.Ordinal).First()))
            foreach (var e in alt.Entries()) files[e.Path] = e;

        if (paragraphs.Any(p => p["Package"] == "fontconfig-config")) FontconfigDefaults(files);

        Add(files, RootEntry.File(InstalledPackages.StatusPath, Encoding.UTF8.GetBytes(MergeStatus(request.Base.DpkgStatus ?? "", paragraphs))));
        await RedoWithHostToolsAsync(request, files, arch, skipped, ct).ConfigureAwait(false);

        foreach (var (package, script) in skipped.Distinct())
            log.Report(Messages.NB3143_MaintainerScriptSkipped.Create(script, package));
        return WithParents(files);
    }

    /// <summary>fontconfig-config's postinst with debconf's defaults (hinting "Native", style "hintslight", bitmaps "false").</summary>
    private static void FontconfigDefaults(SortedDictionary<string, RootEntry> files)
    {
        foreach (var conf in new[] { "10-hinting-slight.conf", "70-no-bitmaps.conf" })
            if (files.ContainsKey("usr/share/fontconfig/conf.avail/" + conf) && !files.ContainsKey("etc/fonts/conf.d/" + conf))
                files["etc/fonts/conf.d/" + conf] = RootEntry.Symlink("etc/fonts/conf.d/" + conf, "/usr/share/fontconfig/conf.avail/" + conf);
    }

    private async Task RedoWithHostToolsAsync(OsPackagesLayerRequest request, SortedDictionary<string, RootEntry> files, string arch,
        List<(string, string)> skipped, CancellationToken ct)
    {
        var ldconfig = HostTools.Ldconfig();
        var triplet = arch switch { "amd64" => "x86_64-linux-gnu", "arm64" => "aarch64-linux-gnu", _ => arch + "-linux-gnu" };
        var graphviz = $"usr/lib/{triplet}/graphviz";
        var needsDot = files.Keys.Any(k => k.StartsWith(graphviz + "/libgvplugin_", StringComparison.Ordinal)) && files.ContainsKey("usr/bin/dot");
        if (ldconfig is null)
        {
            log.Report(Messages.NB3146_HostToolMissing.Create("The ld.so cache", "this build machine has no ldconfig",
                "Libraries still load (the loader searches the multiarch folders), but ctypes.util.find_library does not see the new ones.", "x86_64"));
            if (needsDot) skipped.Add(("libgvc6", "postinst"));
            return;
        }
        using var root = await ScratchRoot.CreateAsync(request.BaseLayerPaths, files.Values.Where(e => !e.Path.StartsWith("var/lib/dpkg/", StringComparison.Ordinal)), ct).ConfigureAwait(false);
        var cachePath = Path.Combine(root.Path, "etc", "ld.so.cache");
        if (File.Exists(cachePath)) File.Delete(cachePath);
        // -X: leave links alone (packages ship their own); -r: the scratch root's /etc/ld.so.conf and folders.
        var (code, output) = await HostTools.RunAsync(ldconfig, ["-X", "-r", root.Path], ct).ConfigureAwait(false);
        if (code != 0 || !File.Exists(cachePath))
            throw Messages.NB3146_HostToolMissing.Exception("The ld.so cache", $"ldconfig -r failed ({code}): {output.Trim()}", "", "x86_64");
        files["etc/ld.so.cache"] = RootEntry.File("etc/ld.so.cache", await File.ReadAllBytesAsync(cachePath, ct).ConfigureAwait(false));

        if (!needsDot) return;
        if (!HostTools.CanRun(arch))
        {
            skipped.Add(("libgvc6", "postinst"));
            return;
        }
        var loader = root.Resolve(arch == "arm64" ? "lib/ld-linux-aarch64.so.1" : "lib64/ld-linux-x86-64.so.2");
        var plugins = root.Resolve(graphviz);
        var libs = string.Join(':', new[] { $"usr/lib/{triplet}", "usr/lib", $"lib/{triplet}" }.Select(root.Resolve).Distinct());
        var (dotCode, dotOutput) = await HostTools.RunProgramAsync(loader, ["--inhibit-cache", "--library-path", libs, root.Resolve("usr/bin/dot"), "-c"],
            new Dictionary<string, string> { ["GVBINDIR"] = plugins }, ct).ConfigureAwait(false);
        var config = Path.Combine(plugins, "config6a");
        if (dotCode != 0 || !File.Exists(config))
        {
            log.Report(Messages.NB3146_HostToolMissing.Create("graphviz's plugin config (dot -c)", $"dot -c failed ({dotCode}): {dotOutput.Trim()}", "dot -T<format> will not find its renderers.", arch));
            return;
        }
        files[graphviz + "/config6a"] = RootEntry.File(graphviz + "/config6a", await File.ReadAllBytesAsync(config, ct).ConfigureAwait(false));
    }

    private static string UnderUsr(string path)
    {
        var slash = path.IndexOf('/');
        var first = slash < 0 ? path : path[..slash];
        return UsrMerged.Contains(first, StringComparer.Ordinal) ? "usr/" + path : path;
    }

    /// <summary>dpkg's Conffiles field: " /etc/x md5" per line, the md5 of the file as packaged.</summary>
    private static string ConffilesField(byte[] conffiles, DebFile deb)
    {
        var sb = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(conffiles).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = line.StartsWith("remove-on-upgrade ", StringComparison.Ordinal) ? line[18..].Trim() : line;
            var entry = deb.Data.FirstOrDefault(e => "/" + e.Path == path);
            if (entry?.Content is null) continue;
            sb.Append("\n ").Append(path).Append(' ').Append(Convert.ToHexStringLower(MD5.HashData(entry.Content)));
        }
        return sb.ToString();
    }

    /// <summary>The base's status with the new paragraphs, sorted by name as dpkg writes it.</summary>
    internal static string MergeStatus(string baseStatus, IEnumerable<ControlParagraph> added)
    {
        var all = ControlFileReader.Parse(baseStatus).Concat(added)
            .OrderBy(p => p["Package"], StringComparer.Ordinal).ThenBy(p => p["Architecture"], StringComparer.Ordinal);
        return string.Concat(all.Select(p => p.ToText() + "\n"));
    }

    private static void Add(SortedDictionary<string, RootEntry> files, RootEntry e) => files[e.Path] = e;

    private static IReadOnlyList<RootEntry> WithParents(SortedDictionary<string, RootEntry> files)
    {
        foreach (var path in files.Keys.ToArray())
        {
            var p = path;
            while (p.LastIndexOf('/') is var i and > 0)
            {
                p = p[..i];
                if (!files.ContainsKey(p)) files[p] = RootEntry.Directory(p);
            }
        }
        // Ordinal order puts "a/b" after "a" and before "a0": parents always come first.
        return files.Values.ToArray();
    }

    private static TarEntry ToTar(RootEntry e)
    {
        var name = e.IsDirectory ? e.Path + "/" : e.Path;
        var entry = new GnuTarEntry(e.Type, name) { Mode = e.Mode, Uid = e.Uid, Gid = e.Gid };
        if (e.Type == TarEntryType.SymbolicLink) entry.LinkName = e.LinkName;
        if (e.Type == TarEntryType.RegularFile) entry.DataStream = new MemoryStream(e.Content ?? []);
        return entry;
    }
}
