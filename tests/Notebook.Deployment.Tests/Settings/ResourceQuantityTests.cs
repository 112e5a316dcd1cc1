using Notebook.Deployment.Settings;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Settings;

public sealed class ResourceQuantityTests
{
    [Theory]
    [InlineData("1", 1_000_000_000L)]
    [InlineData("0.5", 500_000_000L)]
    [InlineData("500m", 500_000_000L)]
    [InlineData("1500m", 1_500_000_000L)]
    [InlineData(".25", 250_000_000L)]
    [InlineData("2e0", 2_000_000_000L)]
    [InlineData("1e-3", 1_000_000L)]
    [InlineData("1k", 1_000_000_000_000L)]
    public void Cpu_converts_to_nano_cpus(string text, long nanoCpus) =>
        ResourceQuantity.TryParse(text, out _)!.ToNanoCpus().ShouldBe(nanoCpus);

    [Theory]
    [InlineData("128974848", 128974848L)]
    [InlineData("129e6", 129_000_000L)]
    [InlineData("129M", 129_000_000L)]
    [InlineData("123Mi", 128974848L)]
    [InlineData("1Gi", 1073741824L)]
    [InlineData("1.5Gi", 1610612736L)]
    [InlineData("2Ti", 2199023255552L)]
    [InlineData("1Ei", 1152921504606846976L)]
    [InlineData("1k", 1000L)]
    [InlineData("1Ki", 1024L)]
    public void Memory_converts_to_bytes(string text, long bytes) =>
        ResourceQuantity.TryParse(text, out _)!.ToBytes().ShouldBe(bytes);

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1K")]
    [InlineData("1mi")]
    [InlineData("1gb")]
    [InlineData("1GB")]
    [InlineData("abc")]
    [InlineData("1..0")]
    [InlineData("1e")]
    [InlineData("0x10")]
    [InlineData("1e40")]
    public void Rejects_what_the_quantity_grammar_rejects(string text)
    {
        ResourceQuantity.TryParse(text, out var reason).ShouldBeNull();
        reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Keeps_the_text_as_written() => ResourceQuantity.TryParse("1.50Gi", out _)!.Text.ShouldBe("1.50Gi");
}
