namespace Notebook.OsPackages.Tests;

public sealed class ControlTests
{
    [Theory]
    // dpkg's own ordering examples (Debian Policy 5.6.12, dpkg's t/dpkg_version.t).
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0", "1.0+b1", -1)]
    [InlineData("1.0-1", "1.0-10", -1)]
    [InlineData("1.0-2", "1.0-10", -1)]
    [InlineData("1:0.1", "2.0", 1)]
    [InlineData("2.36-9+deb12u4", "2.36-9+deb12u10", -1)]
    [InlineData("1.2a", "1.2", 1)]
    [InlineData("1.2~~", "1.2~", -1)]
    [InlineData("1.001", "1.1", 0)]
    [InlineData("12.2.0-14+deb12u1", "12.2.0-14", 1)]
    public void Versions_compare_as_dpkg_does(string a, string b, int sign) =>
        Math.Sign(DebianVersion.Compare(a, b)).ShouldBe(sign);

    [Theory]
    [InlineData("")]
    [InlineData("a1.0")]
    [InlineData("1.0 2")]
    [InlineData("x:1.0")]
    public void Malformed_versions_are_refused(string v) => DebianVersion.TryParse(v, out _).ShouldBeFalse();

    [Fact]
    public void Relations_parse_groups_alternatives_operators_and_arch_qualifiers()
    {
        var groups = Relation.ParseGroups("libc6 (>= 2.34), python3:any | python3-minimal (<< 3.12),\n libx (> 1)");
        groups.Count.ShouldBe(3);
        groups[0].Single().ShouldBe(new Relation("libc6", ">=", "2.34"));
        groups[1].Select(r => r.Name).ShouldBe(["python3", "python3-minimal"]);
        groups[1][1].SatisfiedBy("3.11.2-1").ShouldBeTrue();
        groups[2].Single().Operator.ShouldBe(">=");
    }

    [Fact]
    public void Paragraphs_keep_continuation_lines_and_write_back_as_dpkg_does()
    {
        var text = "Package: a\nDescription: short\n long line\n .\nConffiles:\n /etc/a 0123\n\n\nPackage: b\n";
        var ps = ControlFileReader.Parse(text);
        ps.Count.ShouldBe(2);
        ps[0]["description"].ShouldBe("short\n long line\n .");
        ps[0].ToText().ShouldBe("Package: a\nDescription: short\n long line\n .\nConffiles:\n /etc/a 0123\n");
        ps[0].With("Status", "install ok installed", after: "Package").ToText().ShouldStartWith("Package: a\nStatus: install ok installed\n");
    }
}
