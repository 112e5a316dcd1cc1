namespace Notebook.Dependencies.Tests;

/// <summary>
/// One local index for a test class: alpha (needs beta, has a console script), beta 1.0/2.0, gamma (needs beta&lt;2),
/// pyyaml (imports as yaml), fastmath (a cp312 wheel for x86_64 and one for aarch64, whose MACHINE says which) and
/// x86only (an x86_64 wheel only).
/// </summary>
public sealed class IndexFixture : IAsyncLifetime
{
    public PackageIndex Index { get; private set; } = null!;

    public async Task InitializeAsync() => Index = await PackageIndex.StartAsync(b => b
        .Wheel("alpha", "1.0", ["beta>=1.0"], consoleScript: "alpha-cli")
        .Wheel("beta", "1.0")
        .Wheel("beta", "2.0")
        .Wheel("gamma", "1.0", ["beta<2"])
        .Wheel("PyYAML", "6.0.1", importName: "yaml")
        .Wheel("fastmath", "1.0", moduleSource: "MACHINE = 'x86_64'\n", tag: X86Tag)
        .Wheel("fastmath", "1.0", moduleSource: "MACHINE = 'aarch64'\n", tag: ArmTag)
        .Wheel("x86only", "1.0", tag: X86Tag));

    public const string X86Tag = "cp312-cp312-manylinux_2_17_x86_64";
    public const string ArmTag = "cp312-cp312-manylinux_2_17_aarch64";

    public async Task DisposeAsync() => await Index.DisposeAsync();
}
