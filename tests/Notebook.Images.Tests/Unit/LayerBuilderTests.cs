using System.Formats.Tar;
using System.IO.Compression;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class LayerBuilderTests
{
    private static LayerBuilder SampleBuilder(TempDirectory dir, bool reversed = false)
    {
        var run = dir.WriteFile("src/run.sh", "#!/bin/sh\necho hi\n");
        var data = dir.WriteFile("src/data/regions.csv", "a,b\n1,2\n");
        var entries = new List<LayerEntry>
        {
            LayerEntry.FromFile("/app/run.sh", run, executable: true),
            LayerEntry.FromFile("/app/data/regions.csv", data),
            LayerEntry.FromText("/app/notebooks/report.ipynb", "{}"),
            LayerEntry.Directory("/app/output"),
        };
        if (reversed) entries.Reverse();
        return new LayerBuilder().AddRange(entries);
    }

    [Fact]
    public async Task Same_entries_give_same_bytes_whatever_mtimes_modes_order_and_time_zone()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var first = await SampleBuilder(a).BuildAsync("app");

        var builderB = SampleBuilder(b, reversed: true);
        foreach (var file in Directory.EnumerateFiles(b.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));
            // A different umask shows as different group/other bits; they must not leak into the layer.
            File.SetUnixFileMode(file, (UnixFileMode)0b111_111_111);
        }
        var oldTz = Environment.GetEnvironmentVariable("TZ");
        Layer second;
        try
        {
            Environment.SetEnvironmentVariable("TZ", "Pacific/Kiritimati");
            TimeZoneInfo.ClearCachedData();
            second = await builderB.BuildAsync("app", b.Combine("out"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", oldTz);
            TimeZoneInfo.ClearCachedData();
        }

        second.Digest.ShouldBe(first.Digest);
        second.DiffId.ShouldBe(first.DiffId);
        second.Size.ShouldBe(first.Size);
        File.ReadAllBytes(second.Blob.FilePath!).ShouldBe(first.Blob.Bytes);
        Path.GetFileName(second.Blob.FilePath!).ShouldBe(Digests.Hex(second.Digest) + ".tar.gz");
    }

    [Fact]
    public async Task Unchanged_inputs_reuse_the_built_blob_and_any_change_rebuilds_it()
    {
        using var dir = new TempDirectory();
        var data = dir.WriteFile("src/data.csv", "a,b\n1,2\n");
        var outDir = dir.Combine("layers");
        LayerBuilder Builder() => new LayerBuilder().Add(LayerEntry.FromFile("/app/data.csv", data)).Add(LayerEntry.FromText("/app/x.txt", "x"));

        var first = await Builder().BuildAsync("app", outDir);
        var blob = dir.Combine("layers", first.Digest["sha256:".Length..] + ".tar.gz");
        File.SetLastWriteTimeUtc(blob, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = await Builder().BuildAsync("app", outDir);

        first.Reused.ShouldBeFalse();
        second.Reused.ShouldBeTrue();
        (second.Digest, second.DiffId, second.Size).ShouldBe((first.Digest, first.DiffId, first.Size));
        File.GetLastWriteTimeUtc(blob).Year.ShouldBe(2001, "a reused layer is not written again");

        // Same size, new bytes, new modification time: rebuilt, and the digest follows the bytes.
        File.WriteAllText(data, "a,b\n3,4\n");
        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(1));
        var changed = await Builder().BuildAsync("app", outDir);
        changed.Reused.ShouldBeFalse();
        changed.Digest.ShouldNotBe(first.Digest);

        // Another in-memory entry, another mode, another timestamp: each is a different key.
        (await new LayerBuilder().Add(LayerEntry.FromFile("/app/data.csv", data)).Add(LayerEntry.FromText("/app/x.txt", "y")).BuildAsync("app", outDir)).Reused.ShouldBeFalse();
        (await new LayerBuilder().Add(LayerEntry.FromFile("/app/data.csv", data, executable: true)).Add(LayerEntry.FromText("/app/x.txt", "x")).BuildAsync("app", outDir)).Reused.ShouldBeFalse();
        (await new LayerBuilder(DateTimeOffset.FromUnixTimeSeconds(1700000000)).Add(LayerEntry.FromFile("/app/data.csv", data)).Add(LayerEntry.FromText("/app/x.txt", "x")).BuildAsync("app", outDir)).Reused.ShouldBeFalse();

        // A blob that went missing (or was cut short) is built again, not trusted.
        var current = await Builder().BuildAsync("app", outDir);
        current.Reused.ShouldBeTrue();
        File.Delete(dir.Combine("layers", current.Digest["sha256:".Length..] + ".tar.gz"));
        var rebuilt = await Builder().BuildAsync("app", outDir);
        rebuilt.Reused.ShouldBeFalse();
        rebuilt.Digest.ShouldBe(current.Digest);
        File.WriteAllText(dir.Combine("layers", current.Digest["sha256:".Length..] + ".tar.gz"), "short");
        (await Builder().BuildAsync("app", outDir)).Reused.ShouldBeFalse();
    }

    [Fact]
    public async Task Changed_content_changes_digest_and_diff_id()
    {
        var one = await new LayerBuilder().Add(LayerEntry.FromText("/a.txt", "one")).BuildAsync("l");
        var two = await new LayerBuilder().Add(LayerEntry.FromText("/a.txt", "two")).BuildAsync("l");
        var exec = await new LayerBuilder().Add(LayerEntry.FromText("/a.txt", "one", executable: true)).BuildAsync("l");
        var later = await new LayerBuilder(DateTimeOffset.FromUnixTimeSeconds(1700000000)).Add(LayerEntry.FromText("/a.txt", "one")).BuildAsync("l");

        new[] { one.DiffId, two.DiffId, exec.DiffId, later.DiffId }.Distinct().Count().ShouldBe(4);
        new[] { one.Digest, two.Digest, exec.Digest, later.Digest }.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task Golden_digest_of_a_fixed_small_layer_is_pinned()
    {
        var layer = await new LayerBuilder()
            .Add(LayerEntry.FromText("/app/hello.txt", "hello\n"))
            .Add(LayerEntry.FromText("/app/bin/run", "#!/bin/sh\n", executable: true))
            .BuildAsync("golden");

        // Pinned: a change here means every image digest changes for users. Update only on purpose.
        layer.DiffId.ShouldBe(GoldenDiffId);
        layer.Digest.ShouldBe(GoldenDigest);
    }

    internal const string GoldenDiffId = "sha256:32b7d714e4eef37c952863f18cbd02addc3ee9a8b68000c6b0e7d721e5734268";
    internal const string GoldenDigest = "sha256:dba2d13d380a691c2f929df1094a354b4691cdbe5591f4fac26eaae3e5e8b418";

    [Fact]
    public async Task Tar_headers_are_normalised_and_parents_explicit()
    {
        using var dir = new TempDirectory();
        var layer = await SampleBuilder(dir).BuildAsync("app");
        var entries = ReadTar(layer.Blob.Bytes!);

        entries.Select(e => e.Name).ShouldBe(
        [
            "app/", "app/data/", "app/data/regions.csv", "app/notebooks/", "app/notebooks/report.ipynb", "app/output/", "app/run.sh",
        ]);
        foreach (var e in entries)
        {
            e.Format.ShouldBe(TarEntryFormat.Ustar);
            e.Uid.ShouldBe(0);
            e.Gid.ShouldBe(0);
            ((UstarTarEntry)e).UserName.ShouldBe("");
            ((UstarTarEntry)e).GroupName.ShouldBe("");
            e.ModificationTime.ShouldBe(SourceDateEpoch.Default);
        }
        entries.Single(e => e.Name == "app/run.sh").Mode.ShouldBe((UnixFileMode)0b111_101_101);
        entries.Single(e => e.Name == "app/data/").Mode.ShouldBe((UnixFileMode)0b111_101_101);
        entries.Single(e => e.Name == "app/data/regions.csv").Mode.ShouldBe((UnixFileMode)0b110_100_100);
    }

    [Fact]
    public async Task Gzip_header_has_no_time_no_name_and_a_fixed_os_byte()
    {
        var layer = await new LayerBuilder().Add(LayerEntry.FromText("/x", "x")).BuildAsync("l");
        var bytes = layer.Blob.Bytes!;
        bytes[..10].ShouldBe(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff });

        // The system gzip accepts it (CRC32 and ISIZE trailer right).
        using var dir = new TempDirectory();
        var file = dir.Combine("l.tar.gz");
        await File.WriteAllBytesAsync(file, bytes);
        await Tools.RunCheckedAsync("gzip", "-t", file);
        var listing = await Tools.RunCheckedAsync("tar", "-tvzf", file, "--numeric-owner");
        listing.ShouldContain("0/0");
        listing.ShouldContain("2000-01-01");
    }

    [Fact]
    public async Task Long_paths_use_the_ustar_prefix()
    {
        var longDir = "/" + string.Join('/', Enumerable.Repeat("segment-of-twenty-ch", 6));
        var path = longDir + "/" + new string('f', 90) + ".txt";
        var layer = await new LayerBuilder().Add(LayerEntry.FromText(path, "x")).BuildAsync("l");
        var names = ReadTar(layer.Blob.Bytes!).Select(e => e.Name).ToList();
        names.ShouldContain(path.TrimStart('/'));
        ReadTar(layer.Blob.Bytes!).ShouldAllBe(e => e.Format == TarEntryFormat.Ustar);

        // A 120-byte file name cannot be split into USTAR prefix+name: a GNU long-name record carries it, no PAX records.
        var longName = "/" + new string('x', 120);
        var gnu = ReadTar((await new LayerBuilder().Add(LayerEntry.FromText(longName, "x")).BuildAsync("l")).Blob.Bytes!);
        gnu.ShouldHaveSingleItem().Name.ShouldBe(longName[1..]);
        gnu[0].Format.ShouldBe(TarEntryFormat.Gnu);
        gnu[0].ModificationTime.ShouldBe(SourceDateEpoch.Default);
        var again = await new LayerBuilder().Add(LayerEntry.FromText(longName, "x")).BuildAsync("l");
        again.DiffId.ShouldBe((await new LayerBuilder().Add(LayerEntry.FromText(longName, "x")).BuildAsync("l")).DiffId);

        (await Should.ThrowAsync<NotebookSdkException>(() => new LayerBuilder().Add(LayerEntry.FromText("/" + new string('x', 5000), "x")).BuildAsync("l")))
            .Code.ShouldBe("NB4005");
    }

    [Fact]
    public async Task Duplicate_paths_and_bad_paths_are_errors()
    {
        (await Should.ThrowAsync<NotebookSdkException>(() => new LayerBuilder()
            .Add(LayerEntry.FromText("/app/a", "1")).Add(LayerEntry.FromText("app//a", "2")).BuildAsync("l"))).Code.ShouldBe("NB4004");
        (await Should.ThrowAsync<NotebookSdkException>(() => new LayerBuilder()
            .Add(LayerEntry.FromText("/app", "1")).Add(LayerEntry.FromText("/app/b", "2")).BuildAsync("l"))).Code.ShouldBe("NB4004");
        (await Should.ThrowAsync<NotebookSdkException>(() => new LayerBuilder()
            .Add(LayerEntry.FromText("/app/../etc/passwd", "1")).BuildAsync("l"))).Code.ShouldBe("NB4005");
        (await Should.ThrowAsync<NotebookSdkException>(() => new LayerBuilder()
            .Add(LayerEntry.FromFile("/app/x", "/nonexistent/file")).BuildAsync("l"))).Code.ShouldBe("NB4006");
    }

    [Fact]
    public async Task Directory_trees_are_added_recursively()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("tree/b/c.txt", "c");
        dir.WriteFile("tree/a.txt", "a");
        var layer = await new LayerBuilder().AddRange(LayerEntry.FromDirectory(dir.Combine("tree"), "/srv")).BuildAsync("t");
        ReadTar(layer.Blob.Bytes!).Select(e => e.Name).ShouldBe(["srv/", "srv/a.txt", "srv/b/", "srv/b/c.txt"]);
    }

    internal static List<TarEntry> ReadTar(byte[] gzip)
    {
        using var reader = new TarReader(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress));
        var list = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } e) list.Add(e);
        return list;
    }
}
