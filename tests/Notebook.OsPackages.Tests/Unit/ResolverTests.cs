namespace Notebook.OsPackages.Tests;

/// <summary>The resolver's rules on small indexes written here (the real mirror is in ResolverAgainstAptTests).</summary>
public sealed class ResolverTests
{
    private static readonly ArchiveSource Source = new("http://mirror/debian", "bookworm", ["main"], "amd64");

    private static PackageIndex Index(string packages) =>
        new(PackageIndex.Read(new StringReader(packages), "Packages"), "amd64");

    private static string Pkg(string name, string version, string extra = "", string arch = "amd64") =>
        $"Package: {name}\nVersion: {version}\nArchitecture: {arch}\nSize: 10\nSHA256: {new string('a', 64)}\nFilename: pool/main/{name[0]}/{name}/{name}_{version}_{arch}.deb\n{extra}\n\n";

    private static InstalledPackages Base(string packages = "") =>
        new("Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n\n" +
            "Package: mawk\nStatus: install ok installed\nVersion: 1.3.4-1\nArchitecture: amd64\nProvides: awk\n\n" +
            "Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0\nArchitecture: amd64\n\n" + packages);

    private static string[] Names(IEnumerable<PackageRecord> plan) => plan.Select(p => p.Name).ToArray();

    private static DebianPackageRequest[] Ask(params string[] names) => names.Select(n => new DebianPackageRequest(n, null, "apt.txt")).ToArray();

    [Fact]
    public void Depends_and_PreDepends_are_followed_and_the_base_counts_as_installed()
    {
        var index = Index(Pkg("app", "1.0", "Pre-Depends: libpre\nDepends: libc6 (>= 2.34), liba (>= 1.0)") + Pkg("liba", "1.2", "Depends: libb")
            + Pkg("libb", "3") + Pkg("libpre", "1") + Pkg("libc6", "2.36-9"));
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("app"))).ShouldBe(["app", "liba", "libb", "libpre"]);
    }

    [Fact]
    public void The_newest_version_is_taken_unless_one_is_asked_for()
    {
        var index = Index(Pkg("x", "1.0-1") + Pkg("x", "1.0-10") + Pkg("x", "1.0-2"));
        new PackageResolver(index, Base(), Source).Resolve(Ask("x")).Single().Version.ShouldBe("1.0-10");
        new PackageResolver(index, Base(), Source).Resolve([new("x", "1.0-2", "p")]).Single().Version.ShouldBe("1.0-2");
    }

    [Fact]
    public void The_first_installable_alternative_is_taken_and_one_already_present_wins()
    {
        var index = Index(Pkg("a", "1", "Depends: missing | second | third") + Pkg("second", "1") + Pkg("third", "1")
            + Pkg("b", "1", "Depends: nope | awk"));
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("a"))).ShouldBe(["a", "second"]);
        // 'awk' is provided by the base's mawk.
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("b"))).ShouldBe(["b"]);
    }

    [Fact]
    public void Virtual_packages_go_through_Provides()
    {
        var index = Index(Pkg("app", "1", "Depends: libblas.so.3") + Pkg("libblas3", "3.11", "Provides: libblas.so.3"));
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("app"))).ShouldBe(["app", "libblas3"]);
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("libblas.so.3"))).ShouldBe(["libblas3"]);
    }

    [Fact]
    public void A_virtual_name_with_two_providers_asked_for_directly_is_NB3126()
    {
        var index = Index(Pkg("p1", "1", "Provides: v") + Pkg("p2", "1", "Provides: v"));
        Should.Throw<NotebookSdkException>(() => new PackageResolver(index, Base(), Source).Resolve(Ask("v"))).Code.ShouldBe("NB3126");
    }

    [Fact]
    public void A_dependency_the_base_has_too_old_is_NB3122()
    {
        var index = Index(Pkg("app", "1", "Depends: libc6 (>= 2.38)") + Pkg("libc6", "2.38-1"));
        var e = Should.Throw<NotebookSdkException>(() => new PackageResolver(index, Base(), Source).Resolve(Ask("app")));
        e.Code.ShouldBe("NB3122");
        e.Message.ShouldContain("2.36-9");
    }

    [Fact]
    public void A_package_that_conflicts_with_or_breaks_a_base_package_is_NB3123()
    {
        var index = Index(Pkg("awk-new", "1", "Conflicts: mawk") + Pkg("breaker", "1", "Breaks: libc6 (<< 2.37)") + Pkg("fine", "1", "Breaks: libc6 (<< 2.30), gone"));
        Should.Throw<NotebookSdkException>(() => new PackageResolver(index, Base(), Source).Resolve(Ask("awk-new"))).Code.ShouldBe("NB3123");
        Should.Throw<NotebookSdkException>(() => new PackageResolver(index, Base(), Source).Resolve(Ask("breaker"))).Code.ShouldBe("NB3123");
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("fine"))).ShouldBe(["fine"]);
    }

    [Fact]
    public void A_dependency_nobody_provides_is_NB3124_and_an_unknown_request_NB3120()
    {
        var index = Index(Pkg("app", "1", "Depends: nowhere (>= 2)"));
        Should.Throw<NotebookSdkException>(() => new PackageResolver(index, Base(), Source).Resolve(Ask("app"))).Code.ShouldBe("NB3124");
        Should.Throw<NotebookSdkException>(() => new PackageResolver(index, Base(), Source).Resolve(Ask("nothing"))).Code.ShouldBe("NB3120");
    }

    [Fact]
    public void Other_architectures_are_ignored_and_arch_all_is_kept()
    {
        var index = Index(Pkg("x", "2", arch: "arm64") + Pkg("x", "1") + Pkg("fonts", "1", arch: "all"));
        new PackageResolver(index, Base(), Source).Resolve(Ask("x", "fonts")).Select(p => p.Name + "=" + p.Version).ShouldBe(["fonts=1", "x=1"]);
    }

    [Fact]
    public void A_removed_package_that_left_config_files_is_not_installed()
    {
        var index = Index(Pkg("gone", "1.0"));
        Names(new PackageResolver(index, Base(), Source).Resolve(Ask("gone"))).ShouldBe(["gone"]);
    }
}
