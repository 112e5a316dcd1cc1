using Notebook.E2E;

namespace Notebook.OsPackages.Tests;

/// <summary>
/// Shared by the integration tests: the machine's Debian mirror, bookworm main amd64 read once through
/// <see cref="DebianArchive"/> (signature and hashes checked), and the e2e base image's root as a <see cref="BaseSystem"/>.
/// The base layer is the one the end-to-end tests run (built once by debootstrap, then cached).
/// </summary>
public sealed class DebianFixture : IAsyncLifetime
{
    public string Mirror { get; } = DebianMirror.Find();

    public string Work { get; } = Directory.CreateTempSubdirectory("nb-ospkg-").FullName;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public ArchiveSource Source => new(Mirror, "bookworm", ["main"], "amd64");

    public PackageIndex Index { get; private set; } = null!;

    public ReleaseFile Release { get; private set; } = null!;

    public BaseSystem Base { get; private set; } = null!;

    public string BaseLayerPath { get; private set; } = "";

    public string IndexCache => Path.Combine(Work, "cache");

    /// <summary>apt with the base's status and its own scratch state, updated once.</summary>
    public AptSimulation Apt { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var layer = await new BaseImageBuilder(BaseImageRecipe.ForThisMachine(), E2ECache.Directory).GetOrBuildAsync();
        BaseLayerPath = layer.Blob.FilePath!;
        Base = await BaseSystem.ReadAsync([() => File.OpenRead(BaseLayerPath)], default);
        (Release, Index) = await new DebianArchive(Http, ArchiveKeyring.Debian, IndexCache).OpenAsync(Source, default);
        Apt = new AptSimulation(Path.Combine(Work, "apt"), Mirror, "bookworm", Base.DpkgStatus!);
        await Apt.UpdateAsync();
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        Directory.Delete(Work, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DebianCollection : ICollectionFixture<DebianFixture>
{
    public const string Name = "debian";
}
