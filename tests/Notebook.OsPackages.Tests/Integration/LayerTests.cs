using System.Formats.Tar;
using System.IO.Compression;

namespace Notebook.OsPackages.Tests;

/// <summary>The OS-packages layer of the 63-package set on the e2e base, from the real mirror.</summary>
[Collection(DebianCollection.Name)]
public sealed class LayerTests(DebianFixture debian)
{
    private PackagesLock Lock(params string[] names)
    {
        var plan = new PackageResolver(debian.Index, new InstalledPackages(debian.Base.DpkgStatus!), debian.Source)
            .Resolve(names.Select(n => new DebianPackageRequest(n, null, "apt.txt")).ToArray());
        return new PackagesLock("sha256:" + new string('0', 64), "debian", "bookworm", "bookworm", "amd64", debian.Mirror.TrimEnd('/'), ["main"],
            "e2e/base", "sha256:" + new string('1', 64), names, plan.Select(LockedDebianPackage.From).ToArray());
    }

    private OsPackagesLayerRequest Request(PackagesLock packagesLock, string output, HttpClient? http = null) =>
        new(packagesLock, debian.Base, [debian.BaseLayerPath], new DebCache(Path.Combine(debian.Work, "debs"), http ?? debian.Http), output, DateTimeOffset.FromUnixTimeSeconds(946684800));

    private static Dictionary<string, TarEntry> Read(string layerPath, Dictionary<string, byte[]> contents)
    {
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        using var gz = new GZipStream(File.OpenRead(layerPath), CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry(copyData: true) is { } e)
        {
            entries[e.Name.TrimEnd('/')] = e;
            if (e.DataStream is not null) { using var ms = new MemoryStream(); e.DataStream.CopyTo(ms); contents[e.Name] = ms.ToArray(); }
        }
        return entries;
    }

    [Fact]
    public async Task The_graphviz_layer_is_complete_and_the_same_twice()
    {
        var packagesLock = Lock("libgomp1", "graphviz", "fonts-dejavu-core", "libdevmapper1.02.1");
        var warnings = new List<Diagnostic>();
        var builder = new OsPackagesLayerBuilder(new ListLog(warnings));
        var first = await builder.BuildAsync(Request(packagesLock, Path.Combine(debian.Work, "layer1")), default);
        var second = await new OsPackagesLayerBuilder(new ListLog([])).BuildAsync(Request(packagesLock, Path.Combine(debian.Work, "layer2")), default);
        second.Digest.ShouldBe(first.Digest);
        second.DiffId.ShouldBe(first.DiffId);

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var entries = Read(first.Blob.FilePath!, contents);
        // Merged /usr: libdevmapper1.02.1 ships ./lib/x86_64-linux-gnu/ (libkeyutils1, the example, is in the
        // e2e base already); its files went under /usr and /lib stays the base's symlink.
        entries.Keys.ShouldNotContain(k => k == "lib" || k.StartsWith("lib/") || k == "bin" || k.StartsWith("bin/") || k.StartsWith("sbin/") || k.StartsWith("lib64/"));
        entries.ShouldContainKey("usr/lib/x86_64-linux-gnu/libdevmapper.so.1.02.1");
        entries.ShouldContainKey("usr/bin/dot");
        entries.ShouldContainKey("etc/ld.so.cache");
        System.Text.Encoding.UTF8.GetString(contents["usr/lib/x86_64-linux-gnu/graphviz/config6a"]).ShouldContain("libgvplugin_core.so.6");
        System.Text.Encoding.ASCII.GetString(contents["etc/ld.so.cache"]).ShouldContain("libgomp.so.1");
        var status = System.Text.Encoding.UTF8.GetString(contents["var/lib/dpkg/status"]);
        status.ShouldContain("Package: graphviz\nStatus: install ok installed\n");
        new InstalledPackages(status).Count.ShouldBe(181 + packagesLock.Packages.Count);
        System.Text.Encoding.UTF8.GetString(contents["var/lib/dpkg/info/libgomp1:amd64.list"]).ShouldContain("/usr/lib/x86_64-linux-gnu/libgomp.so.1\n");
        System.Text.Encoding.UTF8.GetString(contents["var/lib/dpkg/info/libdevmapper1.02.1:amd64.list"]).ShouldContain("/lib/x86_64-linux-gnu/libdevmapper.so.1.02.1\n");
        entries.ShouldContainKey("var/lib/dpkg/info/libgomp1:amd64.md5sums");
        entries["etc/fonts/conf.d/70-no-bitmaps.conf"].EntryType.ShouldBe(TarEntryType.SymbolicLink);
        entries.Values.ShouldAllBe(e => e.ModificationTime == DateTimeOffset.FromUnixTimeSeconds(946684800));
        // Every skipped script is named once; the table's entries are not.
        warnings.ShouldAllBe(w => w.Code == "NB3143");
        warnings.Select(w => w.Message).ShouldBeUnique();
        warnings.ShouldNotContain(w => w.Message.Contains("libgvc6") || w.Message.Contains("fontconfig"));
    }

    [Fact]
    public void The_base_status_round_trips_byte_for_byte() =>
        OsPackagesLayerBuilder.MergeStatus(debian.Base.DpkgStatus!, []).ShouldBe(debian.Base.DpkgStatus);

    [Fact]
    public async Task A_package_whose_bytes_differ_from_the_lock_is_NB3141_and_not_kept()
    {
        var real = Lock("libpq5").Packages.Single(p => p.Name == "libpq5");
        var wrong = real with { Sha256 = new string('e', 64) };
        var cache = new DebCache(Path.Combine(debian.Work, "tampered"), debian.Http);
        var e = await Should.ThrowAsync<NotebookSdkException>(() => cache.GetAsync(wrong, debian.Mirror, default));
        e.Code.ShouldBe("NB3141");
        File.Exists(cache.PathFor(wrong)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_full_cache_needs_no_network_and_an_empty_one_offline_is_NB3140()
    {
        var p = Lock("libpq5").Packages.Single(x => x.Name == "libpq5");
        var folder = Path.Combine(debian.Work, "offline");
        await new DebCache(folder, debian.Http).GetAsync(p, debian.Mirror, default);
        (await new DebCache(folder, null).GetAsync(p, "http://127.0.0.1:9/nowhere", default)).ShouldEndWith(p.Sha256 + ".deb");
        (await Should.ThrowAsync<NotebookSdkException>(() => new DebCache(Path.Combine(debian.Work, "empty"), null).GetAsync(p, debian.Mirror, default))).Code.ShouldBe("NB3140");
    }

    private sealed class ListLog(List<Diagnostic> list) : IDiagnosticLog
    {
        public void Report(Diagnostic diagnostic) { lock (list) list.Add(diagnostic); }

        public void Info(string message) { }
    }
}
