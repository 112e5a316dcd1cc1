using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class SourceDateEpochTests
{
    [Fact]
    public void Unset_gives_the_documented_default_2000_01_01()
    {
        SourceDateEpoch.Parse(null).ShouldBe(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        SourceDateEpoch.Parse("").ToUnixTimeSeconds().ShouldBe(946684800);
        SourceDateEpoch.FromEnvironment(_ => null).ShouldBe(SourceDateEpoch.Default);
    }

    [Fact]
    public void Digits_are_seconds_since_1970()
    {
        SourceDateEpoch.Parse("1700000000").ToUnixTimeSeconds().ShouldBe(1700000000);
        SourceDateEpoch.FromEnvironment(n => n == "SOURCE_DATE_EPOCH" ? "0" : null).ShouldBe(DateTimeOffset.UnixEpoch);
        SourceDateEpoch.ToRfc3339(SourceDateEpoch.Default).ShouldBe("2000-01-01T00:00:00Z");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 17")]
    [InlineData("1.5")]
    [InlineData("2026-01-01")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("١٢٣")]
    public void Malformed_value_is_NB4003(string value) =>
        Should.Throw<NotebookSdkException>(() => SourceDateEpoch.Parse(value)).Code.ShouldBe("NB4003");
}
