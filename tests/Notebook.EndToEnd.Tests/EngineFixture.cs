using Notebook.E2E;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// One private dockerd and one local registry for the whole run, and the Debian base image (python3-ipykernel)
/// pushed into that registry from the on-disk cache (built by debootstrap the first time). Anything that cannot
/// start fails every test of the collection with a message saying what to install; nothing is skipped.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private DockerDaemon? _daemon;
    private LocalRegistry? _registry;
    private readonly SemaphoreSlim _reportLock = new(1, 1);
    private ReportImage? _report;
    private KernelProject? _kernel;

    public DockerDaemon Daemon => _daemon ?? throw new InvalidOperationException("The engine did not start.");

    public LocalRegistry Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    /// <summary>127.0.0.1:PORT/e2e/base:bookworm-ipykernel</summary>
    public string BaseImage { get; private set; } = "";

    public string BaseDigest { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _registry = await LocalRegistry.StartAsync();
        _daemon = await DockerDaemon.StartAsync();
        var recipe = BaseImageRecipe.ForThisMachine();
        var layer = await new BaseImageBuilder(recipe, E2ECache.Directory, Console.Error.WriteLine).GetOrBuildAsync();
        BaseDigest = await BaseImagePublisher.PushAsync(Registry.Host, BaseImageRecipe.Repository, recipe.Tag, layer);
        BaseImage = $"{Registry.Host}/{BaseImageRecipe.Repository}:{recipe.Tag}";
    }

    /// <summary>samples/report published into the registry once per run and pulled into the engine.</summary>
    public async Task<ReportImage> GetReportImageAsync()
    {
        await _reportLock.WaitAsync();
        try
        {
            return _report ??= await ReportImage.PublishAndPullAsync(this);
        }
        finally
        {
            _reportLock.Release();
        }
    }

    /// <summary>The kernel job project, installed as a container kernel once per run (its image in the engine).</summary>
    public async Task<KernelProject> GetKernelProjectAsync()
    {
        await _reportLock.WaitAsync();
        try
        {
            return _kernel ??= await KernelProject.InstallAsync(this);
        }
        finally
        {
            _reportLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        _report?.Dispose();
        _kernel?.Dispose();
        if (_daemon is not null) await _daemon.DisposeAsync();
        if (_registry is not null) await _registry.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
