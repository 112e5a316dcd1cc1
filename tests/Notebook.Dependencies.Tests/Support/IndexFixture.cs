namespace Notebook.Dependencies.Tests;

/// <summary>One local index for a test class: alpha (needs beta, has a console script), beta 1.0/2.0, gamma (needs beta&lt;2), pyyaml (imports as yaml).</summary>
public sealed class IndexFixture : IAsyncLifetime
{
    public PackageIndex Index { get; private set; } = null!;

    public async Task InitializeAsync() => Index = await PackageIndex.StartAsync(b => b
        .Wheel("alpha", "1.0", ["beta>=1.0"], consoleScript: "alpha-cli")
        .Wheel("beta", "1.0")
        .Wheel("beta", "2.0")
        .Wheel("gamma", "1.0", ["beta<2"])
        .Wheel("PyYAML", "6.0.1", importName: "yaml"));

    public async Task DisposeAsync() => await Index.DisposeAsync();
}
