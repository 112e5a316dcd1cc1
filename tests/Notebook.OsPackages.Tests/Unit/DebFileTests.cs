using Notebook.E2E;

namespace Notebook.OsPackages.Tests;

/// <summary>.debs made here with dpkg-deb, read without dpkg; two packages shipping one path are refused.</summary>
public sealed class DebFileTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("nb-deb-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<(string Path, LockedDebianPackage Locked)> MakeDebAsync(string name, string file, string compression = "xz")
    {
        var root = Path.Combine(_work, name);
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, Path.GetDirectoryName(file)!));
        await File.WriteAllTextAsync(Path.Combine(root, file), name + "\n");
        await File.WriteAllTextAsync(Path.Combine(root, "DEBIAN", "control"),
            $"Package: {name}\nVersion: 1.0-1\nArchitecture: all\nMaintainer: t <t@example.org>\nDescription: test\n");
        await File.WriteAllTextAsync(Path.Combine(root, "DEBIAN", "postinst"), "#!/bin/sh\nset -e\nsomething-unknown --now\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "DEBIAN", "postinst"), (UnixFileMode)0x1ED);
        var deb = Path.Combine(_work, name + ".deb");
        await Command.RunCheckedAsync("dpkg-deb", ["-Z" + compression, "--root-owner-group", "--build", root, deb], TimeSpan.FromMinutes(1));
        var bytes = await File.ReadAllBytesAsync(deb);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return (deb, new LockedDebianPackage(name, "1.0-1", "all", bytes.Length, sha, $"pool/main/t/{name}/{name}_1.0-1_all.deb"));
    }

    [Theory]
    [InlineData("xz")]
    [InlineData("gzip")]
    [InlineData("none")]
    public async Task Control_and_data_are_read_for_each_compression(string compression)
    {
        var (path, _) = await MakeDebAsync("tiny-" + compression, "usr/share/tiny/a.txt", compression);
        var deb = DebFile.Read(path);
        deb.Control["Package"].ShouldBe("tiny-" + compression);
        deb.ControlMembers.Keys.ShouldContain("postinst");
        deb.Data.Single(e => e.Path == "usr/share/tiny/a.txt").Content.ShouldBe(System.Text.Encoding.UTF8.GetBytes("tiny-" + compression + "\n"));
        deb.Data.ShouldNotContain(e => e.Path.StartsWith("./") || e.Path.Length == 0);
    }

    [Fact]
    public async Task Two_packages_with_one_path_are_NB3142_and_unknown_scripts_warn_once()
    {
        var a = await MakeDebAsync("one-a", "usr/share/same/file");
        var b = await MakeDebAsync("one-b", "usr/share/same/file");
        var cache = new DebCache(Path.Combine(_work, "cache"), null);
        foreach (var (path, locked) in new[] { a, b })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cache.PathFor(locked))!);
            File.Copy(path, cache.PathFor(locked));
        }
        PackagesLock Lock(params LockedDebianPackage[] p) => new("sha256:" + new string('0', 64), "debian", "bookworm", "bookworm", "amd64",
            "http://127.0.0.1:9/debian", ["main"], "b", "sha256:" + new string('1', 64), [], p);
        var baseSystem = new BaseSystem("Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n", new Dictionary<string, string>(), MergedUsr: true);
        OsPackagesLayerRequest Request(PackagesLock l) => new(l, baseSystem, [], cache, Path.Combine(_work, "out"), DateTimeOffset.UnixEpoch);

        var e = await Should.ThrowAsync<NotebookSdkException>(() => new OsPackagesLayerBuilder(new NullLog()).ComposeAsync(Request(Lock(a.Locked, b.Locked)), default));
        e.Code.ShouldBe("NB3142");
        e.Message.ShouldContain("/usr/share/same/file");

        var log = new Collect();
        await new OsPackagesLayerBuilder(log).ComposeAsync(Request(Lock(a.Locked)), default);
        log.Codes.ShouldBe(["NB3143"]);
    }

    private sealed class NullLog : IDiagnosticLog
    {
        public void Report(Diagnostic diagnostic) { }

        public void Info(string message) { }
    }

    private sealed class Collect : IDiagnosticLog
    {
        public List<string> Codes { get; } = [];

        public void Report(Diagnostic diagnostic) => Codes.Add(diagnostic.Code);

        public void Info(string message) { }
    }
}
