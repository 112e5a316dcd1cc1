namespace Notebook.OsPackages.Tests;

public sealed class DeclaringTests
{
    [Fact]
    public void Apt_txt_is_read_as_repo2docker_reads_it()
    {
        var r = AptFileReader.Parse("# OS libraries\nlibgomp1\n\n  graphviz   # for dot\r\nfonts-dejavu-core\n", "apt.txt");
        r.Select(x => (x.Name, x.Line)).ShouldBe([("libgomp1", 2), ("graphviz", 4), ("fonts-dejavu-core", 5)]);
    }

    [Theory]
    [InlineData("libgomp1=12.2.0")]
    [InlineData("graphviz libgomp1")]
    [InlineData("LibGomp1")]
    [InlineData("-y")]
    public void Anything_but_a_name_on_a_line_is_NB3100(string line)
    {
        var e = Should.Throw<NotebookSdkException>(() => AptFileReader.Parse("ok\n" + line + "\n", "apt.txt"));
        e.Code.ShouldBe("NB3100");
        e.Diagnostic.Line.ShouldBe(2);
    }

    [Fact]
    public void Items_and_apt_txt_merge_into_one_sorted_list_and_a_version_wins_over_none()
    {
        var merged = DebianPackageMerger.Merge([
            new("graphviz", null, "apt.txt", 1), new("libgomp1", null, "apt.txt", 2),
            new("libgomp1", "12.2.0-14+deb12u1", "x.nbproj"), new("graphviz", null, "x.nbproj")]);
        merged.Select(m => m.ToString()).ShouldBe(["graphviz", "libgomp1=12.2.0-14+deb12u1"]);
    }

    [Fact]
    public void Two_versions_of_one_name_are_NB3102_and_a_bad_version_NB3101()
    {
        Should.Throw<NotebookSdkException>(() => DebianPackageMerger.Merge([new("a1", "1.0-1", "apt.txt"), new("a1", "1.0-2", "x.nbproj")])).Code.ShouldBe("NB3102");
        Should.Throw<NotebookSdkException>(() => DebianPackageMerger.Merge([new("a1", "latest", "x.nbproj")])).Code.ShouldBe("NB3101");
    }

    [Fact]
    public void The_inputs_digest_follows_the_requests_suite_and_base_but_not_their_order()
    {
        OsPackageInputs Inputs(string suite, params DebianPackageRequest[] r) => new(r, suite, ["main"], "amd64", "e2e/base:bookworm");
        var a = Inputs("bookworm", new("x1", null, "a"), new("y1", null, "a")).Digest;
        a.ShouldBe(Inputs("bookworm", new("y1", null, "b"), new("x1", null, "c")).Digest);
        a.ShouldNotBe(Inputs("trixie", new("x1", null, "a"), new("y1", null, "a")).Digest);
        a.ShouldNotBe(Inputs("bookworm", new("x1", "1.0", "a"), new("y1", null, "a")).Digest);
        a.ShouldStartWith("sha256:");
    }
}
