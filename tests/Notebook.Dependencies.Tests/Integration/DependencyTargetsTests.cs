using System.Text.Json.Nodes;
using Notebook.Dependencies.Tests.Unit;

namespace Notebook.Dependencies.Tests.Integration;

/// <summary>Real `dotnet restore`/`build` of real .nbproj projects against a local index, with the real pip.</summary>
public sealed class DependencyTargetsTests(IndexFixture fixture) : IClassFixture<IndexFixture>
{
    private const string Notebook = "import os\nimport alpha\nimport yaml\nfrom beta import VERSION";

    private static TestProject NewProject(string requirements, string properties = "", string items = "")
    {
        var project = new TestProject("job", TestProject.ProjectXml(properties, items));
        if (requirements.Length > 0) project.Write("requirements.txt", requirements);
        project.Write("report.ipynb", ImportTests.NotebookJson(Notebook));
        return project;
    }

    private Dictionary<string, string?> Env(string? indexUrl = null, params (string Key, string? Value)[] extra)
    {
        var env = PackageIndex.ForIndex(indexUrl ?? fixture.Index.Url);
        foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    private static Task<ProcessResult> RunAsync(TestProject project, Dictionary<string, string?> env, params string[] args) =>
        project.DotnetAsync([.. args, "-v:n"], env);

    private static string LockPath(TestProject p) => Path.Combine(p.Directory, "requirements.lock");

    [Fact]
    public async Task Build_restores_the_lock_keeps_it_and_refreshes_it_when_requirements_change()
    {
        using var project = NewProject("alpha\n");

        var first = await RunAsync(project, Env(), "build");

        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.ShouldContain("NB3034");
        var lockFile = LockFile.Parse(File.ReadAllText(LockPath(project)), LockPath(project));
        lockFile.Packages.Select(p => p.Name).ShouldBe(["alpha", "beta"]);
        first.WarningCodes.ShouldBe(["NB3050"]);
        first.Output.ShouldContain("imports 'yaml'");
        first.Output.ShouldNotContain("imports 'alpha'");
        first.Output.ShouldNotContain("imports 'beta'");
        first.Output.ShouldNotContain("imports 'os'");

        var bytes = File.ReadAllBytes(LockPath(project));
        var second = await RunAsync(project, Env(), "build");
        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldNotContain("NB3034");
        File.ReadAllBytes(LockPath(project)).ShouldBe(bytes);

        project.Write("requirements.txt", "alpha\npyyaml\n");
        var third = await RunAsync(project, Env(), "build");
        third.ExitCode.ShouldBe(0, third.Output);
        third.Output.ShouldContain("was refreshed");
        third.WarningCodes.ShouldBeEmpty();
        LockFile.Parse(File.ReadAllText(LockPath(project)), "l").Packages.Select(p => p.Name).ShouldBe(["alpha", "beta", "pyyaml"]);
    }

    [Fact]
    public async Task Restore_alone_writes_the_lock_from_all_sources()
    {
        using var project = NewProject("", items: "<PythonPackage Include=\"Alpha\" Version=\"1.0\" />");
        project.Write("pyproject.toml", "[project]\nname = \"job\"\ndependencies = [\n  \"PyYAML>=6\",  # yaml\n]\n");

        var result = await RunAsync(project, Env(), "restore");

        result.ExitCode.ShouldBe(0, result.Output);
        var text = File.ReadAllText(LockPath(project));
        text.ShouldContain("# requirement: alpha==1.0\n");
        text.ShouldContain("# requirement: pyyaml>=6\n");
        text.ShouldContain("# base-image: python:3.12-slim\n");
        LockFile.Parse(text, "l").Packages.Select(p => p.Name).ShouldBe(["alpha", "beta", "pyyaml"]);
        // The restore evaluation's BaseIntermediateOutputPath is 'obj\'; no folder may be named after it on Linux.
        Directory.GetDirectories(project.Directory).ShouldNotContain(d => d.Contains('\\'));
    }

    [Fact]
    public async Task Restore_locks_the_pyproject_extras_NotebookPythonExtras_names_and_checks_requires_python()
    {
        using var project = NewProject("");
        project.Write("pyproject.toml", """
            [project]
            name = "job"
            requires-python = ">=3.10"
            dependencies = ["alpha"]
            optional-dependencies = { yaml = ["PyYAML>=6"] }
            """);

        var plain = await RunAsync(project, Env(), "restore");
        plain.ExitCode.ShouldBe(0, plain.Output);
        LockFile.Parse(File.ReadAllText(LockPath(project)), "l").Packages.Select(p => p.Name).ShouldBe(["alpha", "beta"]);

        var extras = await RunAsync(project, Env(), "restore", "-p:NotebookPythonExtras=yaml");
        extras.ExitCode.ShouldBe(0, extras.Output);
        LockFile.Parse(File.ReadAllText(LockPath(project)), "l").Packages.Select(p => p.Name).ShouldBe(["alpha", "beta", "pyyaml"]);

        var excluded = await RunAsync(project, Env(), "build", "-p:NotebookPythonExtras=yaml", "-p:NotebookPythonVersion=3.9");
        excluded.ExitCode.ShouldNotBe(0);
        excluded.ErrorCodes.ShouldContain("NB3061");
    }

    [Fact]
    public async Task Conflicting_pins_across_sources_are_NB3004()
    {
        using var project = NewProject("beta==1.0\n", items: "<PythonPackage Include=\"beta\" Version=\"==2.0\" />");
        var result = await RunAsync(project, Env(), "build");
        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldContain("NB3004");
        File.Exists(LockPath(project)).ShouldBeFalse();
    }

    [Fact]
    public async Task Locked_mode_fails_on_a_missing_or_stale_lock_and_never_writes_it()
    {
        using var project = NewProject("alpha\n");

        var missing = await RunAsync(project, Env(), "build", "-p:NotebookLockedMode=true");
        missing.ExitCode.ShouldNotBe(0);
        missing.ErrorCodes.ShouldContain("NB3030");
        File.Exists(LockPath(project)).ShouldBeFalse();

        (await RunAsync(project, Env(), "restore")).ExitCode.ShouldBe(0);
        var bytes = File.ReadAllBytes(LockPath(project));
        project.Write("requirements.txt", "alpha\ngamma\n");

        var stale = await RunAsync(project, Env(null, ("CI", "true")), "build");
        stale.ExitCode.ShouldNotBe(0);
        stale.ErrorCodes.ShouldContain("NB3031");
        File.ReadAllBytes(LockPath(project)).ShouldBe(bytes);

        // A user's explicit value wins over CI.
        var unlocked = await RunAsync(project, Env(null, ("CI", "true")), "build", "-p:NotebookLockedMode=false");
        unlocked.ExitCode.ShouldBe(0, unlocked.Output);
        File.ReadAllBytes(LockPath(project)).ShouldNotBe(bytes);
    }

    [Fact]
    public async Task No_restore_builds_never_call_pip()
    {
        using var project = NewProject("alpha\n");
        (await RunAsync(project, Env(), "restore")).ExitCode.ShouldBe(0);
        var bytes = File.ReadAllBytes(LockPath(project));
        // A dead index and an interpreter that does not exist: any pip call would fail the build.
        var offline = Env(PackageIndex.DeadUrl);
        const string noPython = "-p:NotebookPython=/nonexistent/python3";

        var fresh = await RunAsync(project, offline, "build", "--no-restore", noPython);
        fresh.ExitCode.ShouldBe(0, fresh.Output);
        fresh.WarningCodes.ShouldBe(["NB3050"]);

        project.Write("requirements.txt", "alpha\npyyaml\n");
        var stale = await RunAsync(project, offline, "build", "--no-restore", noPython);
        stale.ExitCode.ShouldBe(0, stale.Output);
        stale.WarningCodes.ShouldContain("NB3032");
        File.ReadAllBytes(LockPath(project)).ShouldBe(bytes);

        var lockedStale = await RunAsync(project, offline, "build", "--no-restore", noPython, "-p:NotebookLockedMode=true");
        lockedStale.ErrorCodes.ShouldBe(["NB3031"]);
    }

    [Fact]
    public async Task A_project_without_requirements_has_no_lock_and_runs_no_pip()
    {
        using var project = NewProject("");
        var result = await RunAsync(project, Env(PackageIndex.DeadUrl), "build", "-p:NotebookPython=/nonexistent/python3");
        result.ExitCode.ShouldBe(0, result.Output);
        File.Exists(LockPath(project)).ShouldBeFalse();
        result.WarningCodes.ShouldBe(["NB3050"]);
    }

    [Fact]
    public async Task An_unresolvable_package_is_a_coded_build_error()
    {
        using var project = NewProject("alpha\nno-such-package\n");
        var result = await RunAsync(project, Env(), "build");
        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldContain("NB3021");
        File.Exists(LockPath(project)).ShouldBeFalse();
    }

    [Fact]
    public async Task Prepare_layer_target_sets_the_properties_the_image_reads()
    {
        using var project = NewProject("alpha\n");

        var result = await project.DotnetAsync(["build", project.ProjectPath, "-t:PrepareNotebookDependencyLayer",
            "-getProperty:NotebookDependencyLayerDirectory", "-getProperty:NotebookDependencyLockDigest", "-getProperty:NotebookLockDigest"], Env());

        result.ExitCode.ShouldBe(0, result.Output);
        var properties = JsonNode.Parse(result.Output[result.Output.IndexOf('{')..])!["Properties"]!;
        var layer = properties["NotebookDependencyLayerDirectory"]!.GetValue<string>();
        var digest = properties["NotebookDependencyLockDigest"]!.GetValue<string>();
        digest.ShouldBe(LockFile.DigestOf(File.ReadAllBytes(LockPath(project))));
        properties["NotebookLockDigest"]!.GetValue<string>().ShouldBe(digest);
        layer.ShouldEndWith(Path.Combine("obj", "notebook-deps", digest[7..], "site-packages"));
        File.Exists(Path.Combine(layer, "alpha", "__init__.py")).ShouldBeTrue();
        File.Exists(Path.Combine(layer, "beta", "__init__.py")).ShouldBeTrue();
    }

    private const string TwoPlatforms = "<ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>";

    [Fact]
    public async Task Each_platform_of_ContainerRuntimeIdentifiers_is_locked_with_its_own_wheels_and_locked_mode_checks_each_lock()
    {
        using var project = NewProject("fastmath\nalpha\n", TwoPlatforms);
        var armLock = Path.Combine(project.Directory, "requirements.linux-arm64.lock");

        var restore = await RunAsync(project, Env(), "restore");

        restore.ExitCode.ShouldBe(0, restore.Output);
        var x64 = LockFile.Parse(File.ReadAllText(LockPath(project)), LockPath(project));
        var arm = LockFile.Parse(File.ReadAllText(armLock), armLock);
        x64.Target.Platform.ShouldBe("manylinux_2_36_x86_64");
        arm.Target.Platform.ShouldBe("manylinux_2_36_aarch64");
        Hashes(x64, "fastmath").ShouldBe([fixture.Index.WheelSha256("fastmath", "1.0", IndexFixture.X86Tag)]);
        Hashes(arm, "fastmath").ShouldBe([fixture.Index.WheelSha256("fastmath", "1.0", IndexFixture.ArmTag)]);
        // A pure wheel is the same file for both.
        Hashes(arm, "alpha").ShouldBe(Hashes(x64, "alpha"));
        arm.Packages.Select(p => p.Name).ShouldBe(["alpha", "beta", "fastmath"]);
        var armBytes = File.ReadAllBytes(armLock);

        // requirements.lock is exactly a one-platform project's: without the RIDs, a locked build takes it as it is.
        var single = await RunAsync(project, Env(), "build", "--no-restore", "-p:NotebookLockedMode=true", "-p:ContainerRuntimeIdentifiers=");
        single.ExitCode.ShouldBe(0, single.Output);

        // A missing platform lock fails a locked build, names that lock and is not written.
        File.Delete(armLock);
        var missing = await RunAsync(project, Env(null, ("CI", "true")), "build");
        missing.ExitCode.ShouldNotBe(0);
        missing.ErrorCodes.ShouldBe(["NB3030"], missing.Output);
        missing.Output.ShouldContain("requirements.linux-arm64.lock is missing");
        File.Exists(armLock).ShouldBeFalse();

        // A platform lock made from other inputs (here: for the x86_64 wheels) is stale in locked mode.
        File.Copy(LockPath(project), armLock);
        var stale = await RunAsync(project, Env(null, ("CI", "true")), "build", "--no-restore");
        stale.ExitCode.ShouldNotBe(0);
        stale.ErrorCodes.ShouldBe(["NB3031"], stale.Output);
        stale.Output.ShouldContain("requirements.linux-arm64.lock does not match");

        // Restored again, the same bytes.
        File.Delete(armLock);
        (await RunAsync(project, Env(), "restore")).ExitCode.ShouldBe(0);
        File.ReadAllBytes(armLock).ShouldBe(armBytes);
    }

    [Fact]
    public async Task A_package_without_a_wheel_for_one_platform_is_NB3021_naming_that_platform()
    {
        using var project = NewProject("x86only\n", TwoPlatforms);

        var result = await RunAsync(project, Env(), "restore");

        result.ExitCode.ShouldNotBe(0);
        result.ErrorCodes.ShouldBe(["NB3021"], result.Output);
        result.Output.ShouldContain("manylinux_2_36_aarch64");
        File.Exists(Path.Combine(project.Directory, "requirements.linux-arm64.lock")).ShouldBeFalse();
    }

    private static IReadOnlyList<string> Hashes(LockFile lockFile, string name) => lockFile.Packages.Single(p => p.Name == name).Sha256;
}
