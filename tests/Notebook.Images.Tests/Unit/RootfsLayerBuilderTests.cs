using System.Formats.Tar;
using System.IO.Compression;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class RootfsLayerBuilderTests
{
    /// <summary>A tiny root filesystem with what a real one holds: setuid, sticky, owners, symlinks, a hard link.</summary>
    private static async Task<string> MakeRootAsync(TempDirectory dir)
    {
        var root = dir.Combine("root");
        dir.WriteFile("root/usr/bin/su", "setuid program");
        File.SetUnixFileMode(dir.Combine("root/usr/bin/su"), (UnixFileMode)0b100_111_101_101); // 4755
        dir.WriteFile("root/usr/bin/perl", "perl");
        await Tools.RunCheckedAsync("ln", dir.Combine("root/usr/bin/perl"), dir.Combine("root/usr/bin/perl5.36.0"));
        File.CreateSymbolicLink(dir.Combine("root/bin"), "usr/bin");
        Directory.CreateDirectory(dir.Combine("root/tmp"));
        File.SetUnixFileMode(dir.Combine("root/tmp"), (UnixFileMode)0b001_111_111_111); // 1777
        dir.WriteFile("root/etc/shadow", "root:*:1::::::\n");
        File.SetUnixFileMode(dir.Combine("root/etc/shadow"), (UnixFileMode)0b110_100_000); // 0640
        await Tools.RunCheckedAsync("chown", "0:42", dir.Combine("root/etc/shadow"));
        dir.WriteFile("root/dev/not-in-layer", "the engine mounts /dev");
        dir.WriteFile("root/proc/not-in-layer", "the engine mounts /proc");
        return root;
    }

    private static async Task<List<TarEntry>> ReadAsync(Layer layer)
    {
        await using var file = File.OpenRead(layer.Blob.FilePath!);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new MemoryStream();
        await gzip.CopyToAsync(tar);
        tar.Position = 0;
        var entries = new List<TarEntry>();
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry) entries.Add(entry);
        return entries;
    }

    [Fact]
    public async Task Keeps_links_modes_and_owners_and_leaves_out_engine_mounts()
    {
        using var dir = new TempDirectory();
        var root = await MakeRootAsync(dir);

        var layer = await RootfsLayerBuilder.BuildAsync(root, "rootfs", dir.Combine("out"));
        var entries = await ReadAsync(layer);

        entries.Select(e => e.Name).ShouldBe(
        [
            "bin", "dev/", "etc/", "etc/shadow", "proc/", "tmp/", "usr/", "usr/bin/",
            "usr/bin/perl", "usr/bin/perl5.36.0", "usr/bin/su",
        ]);
        var byName = entries.ToDictionary(e => e.Name);
        byName["bin"].EntryType.ShouldBe(TarEntryType.SymbolicLink);
        byName["bin"].LinkName.ShouldBe("usr/bin");
        byName["usr/bin/perl"].EntryType.ShouldBe(TarEntryType.RegularFile);
        // Hard links become copies: the BCL's TarWriter does not detect them.
        byName["usr/bin/perl5.36.0"].EntryType.ShouldBe(TarEntryType.RegularFile);
        new StreamReader(byName["usr/bin/perl5.36.0"].DataStream!).ReadToEnd().ShouldBe("perl");
        ((int)byName["usr/bin/su"].Mode).ShouldBe(0b100_111_101_101);
        ((int)byName["tmp/"].Mode).ShouldBe(0b001_111_111_111);
        ((int)byName["etc/shadow"].Mode).ShouldBe(0b110_100_000);
        byName["etc/shadow"].Gid.ShouldBe(42);
        foreach (var entry in entries)
        {
            entry.ModificationTime.ShouldBe(SourceDateEpoch.Default);
            entry.Format.ShouldBe(TarEntryFormat.Ustar);
            ((PosixTarEntry)entry).UserName.ShouldBe("");
            ((PosixTarEntry)entry).GroupName.ShouldBe("");
        }
        Path.GetFileName(layer.Blob.FilePath).ShouldBe(Digests.Hex(layer.Digest) + ".tar.gz");
    }

    [Fact]
    public async Task Same_tree_gives_same_digest_whatever_the_file_times()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var rootA = await MakeRootAsync(a);
        var rootB = await MakeRootAsync(b);
        foreach (var file in Directory.EnumerateFiles(rootB, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        var first = await RootfsLayerBuilder.BuildAsync(rootA, "rootfs", a.Combine("out"));
        var second = await RootfsLayerBuilder.BuildAsync(rootB, "rootfs", b.Combine("out"));

        second.DiffId.ShouldBe(first.DiffId);
        second.Digest.ShouldBe(first.Digest);

        File.AppendAllText(Path.Combine(rootB, "etc/shadow"), "x");
        var changed = await RootfsLayerBuilder.BuildAsync(rootB, "rootfs", b.Combine("out2"));
        changed.DiffId.ShouldNotBe(first.DiffId);
    }
}
