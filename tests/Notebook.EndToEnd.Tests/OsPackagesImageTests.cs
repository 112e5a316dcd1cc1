using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// OS packages on a real engine, against Debian's real mirror and the e2e base (docs/dependencies.md, "Operating-system
/// packages"): restore locks apt.txt and a DebianPackage item into packages.lock, locked mode refuses a stale lock and a
/// moved base, two checkouts publishing in different time zones give the same os-packages layer (the second offline,
/// from the package cache), and in the container, as uid 1000, dot renders a PNG, find_library finds libgomp, dpkg
/// knows graphviz and the image starts although libdevmapper1.02.1 ships files under ./lib. Two publishes in all.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class OsPackagesImageTests(EngineFixture fixture)
{
    [Fact]
    public async Task Apt_txt_is_locked_laid_into_a_reproducible_layer_and_works_in_the_container()
    {
        var mirror = Notebook.E2E.DebianMirror.Find();
        using var cache = new TempFolder();
        using var first = NewProject(mirror, cache.Path);

        var restore = await first.DotnetAsync(["restore", first.ProjectPath, "-v:n"], null, TimeSpan.FromMinutes(5));
        restore.ExitCode.ShouldBe(0, restore.Output);
        restore.Output.ShouldContain("NB3134");
        var lockPath = Path.Combine(first.Directory, "packages.lock");
        using (var lockJson = JsonDocument.Parse(File.ReadAllBytes(lockPath)))
        {
            var names = lockJson.RootElement.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
            names.ShouldContain("graphviz");
            names.ShouldContain("libgomp1");
            names.ShouldContain("libdevmapper1.02.1");
            lockJson.RootElement.GetProperty("baseImageDigest").GetString().ShouldBe(fixture.BaseDigest);
            lockJson.RootElement.GetProperty("codename").GetString().ShouldBe("bookworm");
        }

        // Locked mode: an edited apt.txt and a base pinned elsewhere are refused, and the lock is left alone.
        var lockBytes = File.ReadAllBytes(lockPath);
        first.Write("apt.txt", "libgomp1\ngraphviz\nfonts-dejavu-core\nlibpq5\n");
        var stale = await first.DotnetAsync(["restore", first.ProjectPath, "-p:NotebookLockedMode=true"], null, TimeSpan.FromMinutes(3));
        stale.ErrorCodes.ShouldBe(["NB3131"], stale.Output);
        first.Write("apt.txt", AptTxt);
        var moved = await first.DotnetAsync(["restore", first.ProjectPath, "-p:NotebookLockedMode=true",
            "-p:NotebookBaseImageDigest=sha256:" + new string('a', 64)], null, TimeSpan.FromMinutes(3));
        moved.ErrorCodes.ShouldBe(["NB3132"], moved.Output);
        File.ReadAllBytes(lockPath).ShouldBe(lockBytes);

        var publishA = await first.DotnetAsync(["publish", first.ProjectPath, "-c", "Release", "-v:n", "-p:NotebookLockedMode=true"],
            new Dictionary<string, string?> { ["TZ"] = "America/New_York" }, TimeSpan.FromMinutes(8));
        publishA.ExitCode.ShouldBe(0, publishA.Output);

        // A second checkout elsewhere, another time zone, no route to any mirror: the cache has every .deb.
        using var second = NewProject(mirror, cache.Path);
        File.Copy(lockPath, Path.Combine(second.Directory, "packages.lock"));
        var publishB = await second.DotnetAsync(["publish", second.ProjectPath, "-c", "Release", "-v:n", "-p:NotebookLockedMode=true"],
            new Dictionary<string, string?> { ["TZ"] = "Asia/Tokyo", ["http_proxy"] = "http://127.0.0.1:9", ["HTTP_PROXY"] = "http://127.0.0.1:9", ["NO_PROXY"] = "127.0.0.1,localhost", ["no_proxy"] = "127.0.0.1,localhost" },
            TimeSpan.FromMinutes(8));
        publishB.ExitCode.ShouldBe(0, publishB.Output);

        var (digestA, layersA, sbomA) = Published(first);
        var (digestB, layersB, _) = Published(second);
        layersA[1].ShouldStartWith("os-packages ", customMessage: string.Join("\n", layersA));
        layersB[1].ShouldBe(layersA[1], "the os-packages layer right above the base");
        digestB.ShouldBe(digestA);

        var purl = JsonNode.Parse(File.ReadAllBytes(sbomA))!["components"]!.AsArray()
            .Select(c => c!["purl"]?.GetValue<string>()).Where(p => p is not null && p.StartsWith("pkg:deb/debian/graphviz@", StringComparison.Ordinal)).ToArray();
        purl.Length.ShouldBe(1);
        purl[0]!.ShouldEndWith("?arch=amd64");

        var reference = $"{fixture.Registry.Host}/e2e/os-packages@{digestA}";
        await fixture.Daemon.DockerCheckedAsync(["pull", "-q", reference], TimeSpan.FromMinutes(3));
        var check = await fixture.Daemon.DockerAsync(["run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/python3", reference, "-c", """
            import ctypes.util, os, subprocess
            png = subprocess.run(["dot", "-Tpng"], input=b"digraph { a -> b }", capture_output=True, check=True).stdout
            print("uid", os.getuid())
            print("png", png[:8] == b"\x89PNG\r\n\x1a\n")
            print("gomp", ctypes.util.find_library("gomp"))
            print("dpkg", subprocess.run(["dpkg-query", "-W", "-f", "${Status}", "graphviz"], capture_output=True, text=True).stdout)
            print("lib", os.path.islink("/lib"), os.path.exists("/usr/lib/x86_64-linux-gnu/libdevmapper.so.1.02.1"))
            """], TimeSpan.FromMinutes(2));
        check.ExitCode.ShouldBe(0, check.Output);
        check.Output.ShouldContain("uid 1000");
        check.Output.ShouldContain("png True");
        check.Output.ShouldContain("gomp libgomp.so.1");
        check.Output.ShouldContain("dpkg install ok installed");
        check.Output.ShouldContain("lib True True");
        var list = await fixture.Daemon.DockerAsync(["run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/dpkg", reference, "-l", "graphviz"], TimeSpan.FromMinutes(2));
        list.ExitCode.ShouldBe(0, list.Output);
        list.Output.ShouldContain("ii  graphviz");
    }

    private const string AptTxt = "# what the notebook's libraries need\nlibgomp1\ngraphviz\nfonts-dejavu-core\n";

    private TestProject NewProject(string mirror, string cache)
    {
        var project = new TestProject("osjob", TestProject.ProjectXml($"""
            <Version>1.0.0</Version>
            <ContainerRepository>e2e/os-packages</ContainerRepository>
            <ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <NotebookDebianMirror>{mirror}</NotebookDebianMirror>
            <NotebookDebianPackageCache>{cache}</NotebookDebianPackageCache>
            """, """<DebianPackage Include="libdevmapper1.02.1" />"""));
        SdkFeed.Use(project);
        project.Write("apt.txt", AptTxt);
        project.Write("osjob.ipynb", """
            {"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [], "source": "print('hi')\n"}],
             "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);
        return project;
    }

    private static (string Digest, string[] Layers, string Sbom) Published(TestProject project)
    {
        using var image = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "bin", "Release", "publish", "image.json")));
        var root = image.RootElement;
        // Layers bottom to top, as "name digest": base, os-packages, runner, notebooks.
        var layers = root.GetProperty("layers").EnumerateArray().Select(x => x.GetProperty("name").GetString() + " " + x.GetProperty("digest").GetString()).ToArray();
        return (root.GetProperty("digest").GetString()!, layers, root.GetProperty("sbom").GetProperty("path").GetString()!);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("nb-debcache-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
