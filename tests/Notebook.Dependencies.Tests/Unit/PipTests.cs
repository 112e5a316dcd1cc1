using System.Security.Cryptography;
using Notebook.Images;

namespace Notebook.Dependencies.Tests.Unit;

/// <summary>Resolving, locking and installing with the real pip of this machine against a local index.</summary>
public sealed class PipTests(IndexFixture fixture) : IClassFixture<IndexFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nbdeps-pip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LockPath => Path.Combine(_dir, "requirements.lock");

    private PipRunner Pip(Dictionary<string, string?>? env = null, string python = "python3") => new(new PipSettings(python, TimeSpan.FromMinutes(2), env ?? fixture.Index.PipEnvironment()));

    private DependencySources Sources(params string[] requirements)
    {
        File.WriteAllText(Path.Combine(_dir, "requirements.txt"), string.Join('\n', requirements) + "\n");
        return new DependencySources(_dir, Path.Combine(_dir, "job.nbproj"), []);
    }

    private Task<RestoreResult> RestoreAsync(DependencySources sources, bool locked = false, PipRunner? pip = null, DiagnosticBag? log = null) =>
        new DependencyRestorer(pip ?? Pip(), log ?? new DiagnosticBag()).RestoreAsync(sources, TargetEnvironment.Default, LockPath, locked, Path.Combine(_dir, "obj"), CancellationToken.None);

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public async Task Restore_pins_every_package_with_the_wheel_hash_and_is_stable()
    {
        var log = new DiagnosticBag();
        var first = await RestoreAsync(Sources("Alpha"), log: log);

        first.State.ShouldBe(LockState.Created);
        log.Items.Single().Code.ShouldBe("NB3034");
        var text = File.ReadAllText(LockPath);
        var lockFile = LockFile.Parse(text, LockPath);
        lockFile.Packages.Select(p => $"{p.Name}=={p.Version}").ShouldBe(["alpha==1.0", "beta==2.0"]);
        lockFile.Packages[1].Sha256.Single().ShouldBe(Sha256(Path.Combine(fixture.Index.Root, "simple", "beta", "beta-2.0-py3-none-any.whl")));
        first.LockDigest.ShouldBe(LockFile.DigestOf(File.ReadAllBytes(LockPath)));

        var bytes = File.ReadAllBytes(LockPath);
        File.Delete(LockPath);
        (await RestoreAsync(Sources("alpha"))).State.ShouldBe(LockState.Created);
        File.ReadAllBytes(LockPath).ShouldBe(bytes);

        var stamp = File.GetLastWriteTimeUtc(LockPath);
        (await RestoreAsync(Sources("alpha"), pip: Pip(PackageIndex.ForIndex(PackageIndex.DeadUrl)))).State.ShouldBe(LockState.UpToDate);
        File.GetLastWriteTimeUtc(LockPath).ShouldBe(stamp);

        (await RestoreAsync(Sources("alpha", "beta<2"))).State.ShouldBe(LockState.Refreshed);
        LockFile.Parse(File.ReadAllText(LockPath), LockPath).Packages.Single(p => p.Name == "beta").Version.ShouldBe("1.0");
    }

    [Fact]
    public async Task Locked_mode_never_writes()
    {
        (await Should.ThrowAsync<NotebookSdkException>(() => RestoreAsync(Sources("alpha"), locked: true))).Code.ShouldBe("NB3030");
        File.Exists(LockPath).ShouldBeFalse();

        await RestoreAsync(Sources("alpha"));
        var bytes = File.ReadAllBytes(LockPath);
        (await Should.ThrowAsync<NotebookSdkException>(() => RestoreAsync(Sources("alpha", "gamma"), locked: true))).Code.ShouldBe("NB3031");
        File.ReadAllBytes(LockPath).ShouldBe(bytes);
    }

    [Fact]
    public async Task No_requirements_means_no_lock_and_no_pip()
    {
        var result = await RestoreAsync(Sources(), pip: Pip(python: "/nonexistent/python3"));
        result.State.ShouldBe(LockState.NoRequirements);
        File.Exists(LockPath).ShouldBeFalse();
    }

    [Theory]
    [InlineData("nosuch", "NB3021")]
    [InlineData("beta==3.0", "NB3020")]
    [InlineData("gamma\nbeta==2.0", "NB3023")]
    public async Task Unresolvable_requirements_are_coded_and_leave_no_lock(string requirements, string code)
    {
        var ex = await Should.ThrowAsync<NotebookSdkException>(() => RestoreAsync(Sources(requirements.Split('\n'))));
        ex.Code.ShouldBe(code, ex.Message);
        ex.Message.ShouldContain("pip said:");
        File.Exists(LockPath).ShouldBeFalse();
        Directory.GetFiles(_dir, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dead_index_is_NB3022()
    {
        var ex = await Should.ThrowAsync<NotebookSdkException>(() => RestoreAsync(Sources("alpha"), pip: Pip(PackageIndex.ForIndex(PackageIndex.DeadUrl))));
        ex.Code.ShouldBe("NB3022", ex.Message);
    }

    [Fact]
    public async Task An_interpreter_without_pip_is_NB3011_and_a_missing_one_NB3010()
    {
        var venv = Path.Combine(_dir, "venv");
        var made = await ProcessRunner.RunAsync("python3", ["-m", "venv", "--without-pip", venv], _dir);
        made.ExitCode.ShouldBe(0, "python3 -m venv is needed for this test (Debian: apt-get install python3-venv): " + made.Output);

        (await Should.ThrowAsync<NotebookSdkException>(() => RestoreAsync(Sources("alpha"), pip: Pip(python: Path.Combine(venv, "bin", "python")))))
            .Code.ShouldBe("NB3011");
        (await Should.ThrowAsync<NotebookSdkException>(() => RestoreAsync(Sources("alpha"), pip: Pip(python: "/nonexistent/python3"))))
            .Code.ShouldBe("NB3010");
    }

    [Fact]
    public async Task Layer_is_normalised_cached_and_identical_from_two_folders()
    {
        await RestoreAsync(Sources("alpha", "pyyaml"));
        var preparer = new DependencyLayerPreparer(Pip(), new DiagnosticBag());

        var one = await preparer.PrepareAsync(LockPath, Path.Combine(_dir, "cache-one"), CancellationToken.None);
        var two = await preparer.PrepareAsync(LockPath, Path.Combine(_dir, "other", "cache-two"), CancellationToken.None);
        var again = await preparer.PrepareAsync(LockPath, Path.Combine(_dir, "cache-one"), CancellationToken.None);

        one.FromCache.ShouldBeFalse();
        again.FromCache.ShouldBeTrue();
        again.SitePackagesDirectory.ShouldBe(one.SitePackagesDirectory);
        one.LockDigest.ShouldBe(LockFile.DigestOf(File.ReadAllBytes(LockPath)));
        one.SitePackagesDirectory.ShouldEndWith(Path.Combine(one.LockDigest[7..], "site-packages"));

        var files = Tree(one.SitePackagesDirectory);
        files.Keys.ShouldBe(Tree(two.SitePackagesDirectory).Keys);
        foreach (var (path, hash) in files) Tree(two.SitePackagesDirectory)[path].ShouldBe(hash, path);
        files.Keys.ShouldContain("alpha/__init__.py");
        files.Keys.ShouldContain("yaml/__init__.py");
        files.Keys.ShouldContain("bin/alpha-cli");
        files.Keys.ShouldNotContain(k => k.EndsWith("/INSTALLER") || k.EndsWith("/REQUESTED") || k.Contains("__pycache__") || k.EndsWith(".pyc"));

        File.ReadAllText(Path.Combine(one.SitePackagesDirectory, "bin", "alpha-cli")).ShouldStartWith("#!/usr/bin/env python3\n");
        var record = File.ReadAllLines(Path.Combine(one.SitePackagesDirectory, "alpha-1.0.dist-info", "RECORD"));
        record.ShouldBe(record.Order(StringComparer.Ordinal).ToArray());
        record.ShouldContain(l => l.StartsWith("bin/alpha-cli,sha256=", StringComparison.Ordinal));
        record.ShouldNotContain(l => l.Contains("INSTALLER") || l.Contains("../"));
        foreach (var file in Directory.EnumerateFiles(one.SitePackagesDirectory, "*", SearchOption.AllDirectories))
            File.ReadAllText(file).ShouldNotContain(_dir);

        var layerOne = await new LayerBuilder().AddRange(LayerEntry.FromDirectory(one.SitePackagesDirectory, "/opt/notebook-sdk/site-packages")).BuildAsync("deps", Path.Combine(_dir, "layer-one"));
        var layerTwo = await new LayerBuilder().AddRange(LayerEntry.FromDirectory(two.SitePackagesDirectory, "/opt/notebook-sdk/site-packages")).BuildAsync("deps", Path.Combine(_dir, "layer-two"));
        layerTwo.Digest.ShouldBe(layerOne.Digest);
        layerTwo.DiffId.ShouldBe(layerOne.DiffId);
    }

    [Fact]
    public async Task A_tampered_wheel_is_NB3024_and_leaves_no_layer()
    {
        await using var index = await PackageIndex.StartAsync(b => b.Wheel("delta", "1.0"));
        var pip = Pip(index.PipEnvironment());
        await RestoreAsync(Sources("delta"), pip: pip);
        index.Tamper("delta", "1.0");

        var cache = Path.Combine(_dir, "cache");
        var ex = await Should.ThrowAsync<NotebookSdkException>(() => new DependencyLayerPreparer(pip, new DiagnosticBag()).PrepareAsync(LockPath, cache, CancellationToken.None));

        ex.Code.ShouldBe("NB3024", ex.Message);
        Directory.GetDirectories(cache).ShouldBeEmpty();
    }

    private static Dictionary<string, string> Tree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), Sha256);
}
