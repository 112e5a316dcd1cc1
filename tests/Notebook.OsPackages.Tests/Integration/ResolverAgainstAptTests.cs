namespace Notebook.OsPackages.Tests;

/// <summary>The resolver against Debian's real mirror and the e2e base, with apt's own answer as the reference.</summary>
[Collection(DebianCollection.Name)]
public sealed class ResolverAgainstAptTests(DebianFixture debian)
{
    private static DebianPackageRequest[] Ask(params string[] names) => names.Select(n => new DebianPackageRequest(n, null, "apt.txt")).ToArray();

    private IReadOnlyList<PackageRecord> Resolve(params DebianPackageRequest[] requests) =>
        new PackageResolver(debian.Index, new InstalledPackages(debian.Base.DpkgStatus!), debian.Source).Resolve(requests);

    [Fact]
    public async Task The_graphviz_set_gives_the_63_packages_apt_gives()
    {
        var expected = await debian.Apt.SimulateInstallAsync("libgomp1", "graphviz", "fonts-dejavu-core");

        var plan = Resolve(Ask("libgomp1", "graphviz", "fonts-dejavu-core"));

        plan.ToDictionary(p => p.Name, p => p.Version).ShouldBe(expected, ignoreOrder: true);
        plan.Count.ShouldBe(63);
        plan.ShouldAllBe(p => p.Sha256.Length == 64 && p.Filename.StartsWith("pool/main/"));
    }

    [Theory]
    [InlineData("libpq5")]
    [InlineData("libgl1", "libglib2.0-0")]
    [InlineData("ffmpeg")]
    public async Task Other_sets_match_apt_too(params string[] names)
    {
        var expected = await debian.Apt.SimulateInstallAsync(names);

        Resolve(Ask(names)).ToDictionary(p => p.Name, p => p.Version).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public void A_package_the_base_has_adds_nothing()
    {
        debian.Base.DpkgStatus!.ShouldContain("Package: python3\n");
        Resolve(Ask("python3", "libc6")).ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_package_is_NB3120()
    {
        var e = Should.Throw<NotebookSdkException>(() => Resolve(new DebianPackageRequest("gomp", null, "apt.txt", 3)));
        e.Diagnostic.Code.ShouldBe("NB3120");
        e.Diagnostic.Line.ShouldBe(3);
    }

    [Fact]
    public void Another_version_of_a_base_package_is_NB3122()
    {
        var e = Should.Throw<NotebookSdkException>(() => Resolve(new DebianPackageRequest("libc6", "2.99-1", "x.nbproj")));
        e.Diagnostic.Code.ShouldBe("NB3122");
    }

    [Fact]
    public void A_version_the_mirror_does_not_have_is_NB3121()
    {
        var e = Should.Throw<NotebookSdkException>(() => Resolve(new DebianPackageRequest("libgomp1", "1.0-1", "x.nbproj")));
        e.Diagnostic.Code.ShouldBe("NB3121");
    }

    [Fact]
    public async Task An_image_without_dpkg_is_NB3125()
    {
        var layer = Path.Combine(debian.Work, "alpine.tar");
        await using (var f = File.Create(layer))
        await using (var tar = new System.Formats.Tar.TarWriter(f))
        {
            var entry = new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "etc/os-release")
            { DataStream = new MemoryStream("NAME=\"Alpine Linux\"\nID=alpine\nPRETTY_NAME=\"Alpine Linux v3.20\"\n"u8.ToArray()) };
            await tar.WriteEntryAsync(entry);
        }
        var alpine = await BaseSystem.ReadAsync([() => File.OpenRead(layer)], default);
        var service = new OsPackageResolverService(new DebianArchive(debian.Http, ArchiveKeyring.Debian, debian.IndexCache));
        var inputs = new OsPackageInputs(Ask("libgomp1"), "", ["main"], "amd64", "alpine:3.20");
        var e = await Should.ThrowAsync<NotebookSdkException>(() => service.LockAsync(inputs, alpine, "sha256:" + new string('0', 64), debian.Mirror, default));
        e.Diagnostic.Code.ShouldBe("NB3125");
        e.Message.ShouldContain("Alpine Linux v3.20");
    }

    [Fact]
    public void The_e2e_base_is_a_merged_usr_bookworm()
    {
        debian.Base.MergedUsr.ShouldBeTrue();
        debian.Base.Codename.ShouldBe("bookworm");
        new InstalledPackages(debian.Base.DpkgStatus!).Count.ShouldBe(181);
        debian.Release.Codename.ShouldBe("bookworm");
    }
}
