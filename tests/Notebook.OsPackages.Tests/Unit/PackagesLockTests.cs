namespace Notebook.OsPackages.Tests;

public sealed class PackagesLockTests
{
    private static PackagesLock Sample(params LockedDebianPackage[] packages) => new(
        "sha256:" + new string('1', 64), "debian", "bookworm", "bookworm", "amd64", "http://deb.debian.org/debian", ["main"],
        "e2e/base:bookworm", "sha256:" + new string('2', 64), ["graphviz", "libgomp1"], packages);

    private static readonly LockedDebianPackage Gomp = new("libgomp1", "12.2.0-14+deb12u1", "amd64", 1234, new string('c', 64), "pool/main/g/gcc-12/libgomp1_12.2.0-14+deb12u1_amd64.deb");
    private static readonly LockedDebianPackage Dot = new("graphviz", "2.42.2-7+deb12u1", "amd64", 99, new string('d', 64), "pool/main/g/graphviz/graphviz_2.42.2-7+deb12u1_amd64.deb");

    [Fact]
    public void It_round_trips_and_the_bytes_do_not_depend_on_package_order()
    {
        var bytes = Sample(Gomp, Dot).ToBytes();
        bytes.ShouldBe(Sample(Dot, Gomp).ToBytes());
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        text.ShouldNotContain("\r");
        text.IndexOf("graphviz_", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("libgomp1_", StringComparison.Ordinal));
        var back = PackagesLock.Parse(bytes, "packages.lock");
        back.ToBytes().ShouldBe(bytes);
        back.Packages.Select(p => p.Name).ShouldBe(["graphviz", "libgomp1"]);
        back.BaseImageDigest.ShouldBe("sha256:" + new string('2', 64));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"lockFileVersion\": 2}")]
    [InlineData("{\"lockFileVersion\": 1}")]
    public void Anything_else_is_NB3133(string text) =>
        Should.Throw<NotebookSdkException>(() => PackagesLock.Parse(System.Text.Encoding.UTF8.GetBytes(text), "packages.lock")).Code.ShouldBe("NB3133");

    [Fact]
    public void A_pool_path_that_leaves_the_pool_is_NB3133()
    {
        var bad = Sample(Gomp with { Filename = "../../etc/passwd" }).ToBytes();
        Should.Throw<NotebookSdkException>(() => PackagesLock.Parse(bad, "packages.lock")).Code.ShouldBe("NB3133");
    }

    [Fact]
    public void The_sbom_names_packages_by_deb_purls() =>
        Notebook.Images.PackageUrl.Deb("debian", Gomp.Name, Gomp.Version, Gomp.Architecture).ShouldBe("pkg:deb/debian/libgomp1@12.2.0-14%2Bdeb12u1?arch=amd64");
}
