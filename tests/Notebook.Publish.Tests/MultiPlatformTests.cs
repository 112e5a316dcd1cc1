using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Notebook.Dependencies;
using Notebook.Dependencies.Tests;
using Notebook.E2E;
using Notebook.Images;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>
/// ContainerRuntimeIdentifiers: one OCI image index, per platform the base's own manifest and that platform's runner,
/// the same notebooks layer; reproducible per platform. The base is the fixture's two-platform index of tiny images
/// (an os-release and a label that say which platform they are), which is all these tests look at.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class MultiPlatformTests(PublishFixture fixture)
{
    private static readonly string[] Rids = ["linux-x64", "linux-arm64"];

    private ImageProject Project(string properties)
    {
        var project = new ImageProject($"""
            <Version>1.0.0</Version>
            <ContainerBaseImage>{fixture.MultiPlatformBaseImage}</ContainerBaseImage>
            <NotebookRunnerDirectory>$(MSBuildProjectDirectory)/runners/</NotebookRunnerDirectory>
            {properties}
            """, fakeRunner: false);
        foreach (var rid in Rids) project.Project.Write($"runners/{rid}/nbrun", $"#!/bin/sh\necho fake nbrun for {rid}\n");
        return project;
    }

    [Fact]
    public async Task Two_runtime_identifiers_publish_one_index_whose_platforms_have_their_own_base_and_runner_and_share_the_notebooks()
    {
        const string properties = """
            <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>
            <ContainerRepository>multi/job</ContainerRepository>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """;
        using var first = Project(properties + $"<ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>");
        using var second = Project(properties);
        await first.PublishCheckedAsync();
        await second.PublishCheckedAsync(new Dictionary<string, string?> { ["TZ"] = "Pacific/Kiritimati" });

        var report = first.ImageJson();
        var digest = report.GetProperty("digest").GetString()!;
        report.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciIndex);
        second.ImageJson().GetProperty("digest").GetString().ShouldBe(digest);
        var platforms = report.GetProperty("platforms").EnumerateArray().ToList();
        platforms.Select(p => p.GetProperty("platform").GetString()).ShouldBe(["linux/amd64", "linux/arm64/v8"]);
        second.ImageJson().GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("digest").GetString())
            .ShouldBe(platforms.Select(p => p.GetProperty("digest").GetString()));

        // Read back with skopeo, not with our client: the index, then each platform's image.
        using var index = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--raw", "--tls-verify=false", $"docker://{fixture.Registry.Host}/multi/job:1.0.0"));
        index.RootElement.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciIndex);
        index.RootElement.GetProperty("manifests").GetArrayLength().ShouldBe(2);
        var layers = new Dictionary<string, List<string>>();
        foreach (var (arch, variant, marker) in new[] { ("amd64", "", "amd"), ("arm64", "v8", "arm") })
        {
            string[] overrides = variant == "" ? ["--override-arch", arch] : ["--override-arch", arch, "--override-variant", variant];
            using var inspect = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo",
                ["inspect", "--tls-verify=false", "--override-os", "linux", .. overrides, $"docker://{fixture.Registry.Host}/multi/job:1.0.0"]));
            inspect.RootElement.GetProperty("Architecture").GetString().ShouldBe(arch);
            inspect.RootElement.GetProperty("Labels").GetProperty("base").GetString().ShouldBe(marker);
            layers[arch] = inspect.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList();
        }
        layers["amd64"][0].ShouldBe(fixture.MultiPlatformBase[Platform.LinuxAmd64]);
        layers["arm64"][0].ShouldBe(fixture.MultiPlatformBase[new Platform("linux", "arm64", "v8")]);
        var runnerAmd = Layer(platforms[0], "runner");
        var runnerArm = Layer(platforms[1], "runner");
        runnerArm.ShouldNotBe(runnerAmd);
        Layer(platforms[1], "notebooks").ShouldBe(Layer(platforms[0], "notebooks"));
        layers["arm64"].ShouldContain(runnerArm);

        // The layout of the second checkout names the same index under the tag.
        using var layout = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--raw", $"oci:{Path.Combine(second.Directory, "layout")}:1.0.0"));
        layout.RootElement.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciIndex);
    }

    [Fact]
    public async Task A_single_ContainerRuntimeIdentifier_gives_one_manifest_for_that_platform()
    {
        using var project = Project("""
            <ContainerRuntimeIdentifier>linux-arm64</ContainerRuntimeIdentifier>
            <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """);
        await project.PublishCheckedAsync();

        var report = project.ImageJson();
        report.GetProperty("mediaType").GetString().ShouldBe(MediaTypes.OciManifest);
        report.TryGetProperty("platforms", out _).ShouldBeFalse();
        using var config = JsonDocument.Parse(await Tools.RunCheckedAsync("skopeo", "inspect", "--config", $"oci:{Path.Combine(project.Directory, "layout")}:1.0.0"));
        config.RootElement.GetProperty("architecture").GetString().ShouldBe("arm64");
        config.RootElement.GetProperty("config").GetProperty("Labels").GetProperty("base").GetString().ShouldBe("arm");
    }

    [Theory]
    [InlineData("<ContainerArchiveOutputPath>$(MSBuildProjectDirectory)/out/job.tar</ContainerArchiveOutputPath>", "NB4150")]
    [InlineData("", "NB4151")]
    [InlineData("<ContainerRuntimeIdentifiers>linux-x64;win-x64</ContainerRuntimeIdentifiers><NotebookImageLayoutPath>layout</NotebookImageLayoutPath>", "NB6050")]
    public async Task What_cannot_hold_several_platforms_says_so_and_nothing_is_published(string destination, string code)
    {
        var rids = destination.Contains("ContainerRuntimeIdentifiers") ? "" : "<ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>";
        using var project = Project(rids + destination);
        var result = await project.PublishAsync();

        result.ExitCode.ShouldNotBe(0, result.Output);
        result.ErrorCodes.ShouldContain(code, result.Output);
        Directory.Exists(Path.Combine(project.Directory, "out")).ShouldBeFalse();
        File.Exists(Path.Combine(project.PublishDirectory, "image.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Each_platform_gets_the_dependency_layer_of_its_own_lock_and_its_own_sbom_and_stays_reproducible()
    {
        const string X86 = "cp312-cp312-manylinux_2_17_x86_64", Arm = "cp312-cp312-manylinux_2_17_aarch64";
        await using var index = await PackageIndex.StartAsync(i => i
            .Wheel("fastmath", "1.0", moduleSource: "MACHINE = 'x86_64'\n", tag: X86)
            .Wheel("fastmath", "1.0", moduleSource: "MACHINE = 'aarch64'\n", tag: Arm)
            .Wheel("tinypure", "1.0"));
        const string properties = """
            <ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>
            <ContainerRepository>multi/deps</ContainerRepository>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            """;
        using var first = Project(properties + $"<ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>");
        using var second = Project(properties);
        foreach (var project in new[] { first, second }) project.Project.Write("requirements.txt", "fastmath==1.0\ntinypure\n");

        var published = await first.PublishCheckedAsync(index.PipEnvironment());
        await second.PublishCheckedAsync(new Dictionary<string, string?>(index.PipEnvironment()) { ["TZ"] = "Pacific/Kiritimati" });

        published.ErrorCodes.ShouldBeEmpty();
        var report = first.ImageJson();
        second.ImageJson().GetProperty("digest").GetString().ShouldBe(report.GetProperty("digest").GetString());
        var platforms = report.GetProperty("platforms").EnumerateArray().ToList();
        second.ImageJson().GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("digest").GetString())
            .ShouldBe(platforms.Select(p => p.GetProperty("digest").GetString()));
        report.TryGetProperty("sbom", out _).ShouldBeFalse("an index has one SBOM per platform, none of its own");

        using var client = fixture.Registry.CreateClient();
        var layout = Path.Combine(first.Directory, "layout");
        foreach (var (platform, rid, machine, tag) in new[] { (platforms[0], "linux-x64", "x86_64", X86), (platforms[1], "linux-arm64", "aarch64", Arm) })
        {
            // The layer holds the platform's own wheel, installed from its own lock.
            ReadFile(layout, Layer(platform, "dependencies"), "site-packages/fastmath/__init__.py").ShouldBe($"MACHINE = '{machine}'\n");
            var lockPath = PlatformLocks.LockPathFor(Path.Combine(first.Directory, "requirements.lock"), rid);
            var manifestDigest = platform.GetProperty("digest").GetString()!;
            using (var manifest = JsonDocument.Parse(Blob(layout, manifestDigest)))
                manifest.RootElement.GetProperty("annotations").GetProperty(ImageLabels.LockDigest).GetString()
                    .ShouldBe(LockFile.DigestOf(File.ReadAllBytes(lockPath)));

            // Its SBOM lists that wheel's hash, describes that manifest and is its referrer.
            var sbom = platform.GetProperty("sbom");
            var sbomPath = sbom.GetProperty("path").GetString()!;
            sbomPath.ShouldBe(Path.Combine(first.PublishDirectory, $"sbom.{rid}.cdx.json"));
            File.Exists(Path.Combine(second.PublishDirectory, $"sbom.{rid}.cdx.json")).ShouldBeTrue();
            using (var bom = JsonDocument.Parse(File.ReadAllBytes(sbomPath)))
            {
                bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("hashes")[0].GetProperty("content").GetString()
                    .ShouldBe(Digests.Hex(manifestDigest));
                var components = bom.RootElement.GetProperty("components").EnumerateArray().ToList();
                components.Single(c => c.GetProperty("name").GetString() == "fastmath").GetProperty("hashes")[0].GetProperty("content").GetString()
                    .ShouldBe(index.WheelSha256("fastmath", "1.0", tag));
                components.Single(c => c.GetProperty("name").GetString() == "nbrun").GetProperty("purl").GetString()!.ShouldEndWith($"tools/{rid}/nbrun");
            }
            var referrers = await new ReferrersReader(client).ListAsync("multi/deps", manifestDigest, CycloneDxSbom.MediaType);
            referrers.ShouldHaveSingleItem().Digest.ShouldBe(sbom.GetProperty("artifact").GetString());
        }
        Layer(platforms[1], "dependencies").ShouldNotBe(Layer(platforms[0], "dependencies"));
        var validation = await CycloneDxValidator.ValidateAsync(platforms[1].GetProperty("sbom").GetProperty("path").GetString()!);
        validation.ExitCode.ShouldBe(0, validation.Output);

        // The index keeps what the platforms share; each platform's lock digest stays on its manifest.
        using var indexJson = JsonDocument.Parse(Blob(layout, report.GetProperty("digest").GetString()!));
        indexJson.RootElement.GetProperty("annotations").TryGetProperty(ImageLabels.LockDigest, out _).ShouldBeFalse();
        indexJson.RootElement.GetProperty("annotations").TryGetProperty(ImageLabels.Notebooks, out _).ShouldBeTrue();
    }

    private static byte[] Blob(string layout, string digest) => File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", Digests.Hex(digest)));

    /// <summary>The text of the one entry of a gzipped layer blob whose name ends in <paramref name="suffix"/>.</summary>
    private static string ReadFile(string layout, string layerDigest, string suffix)
    {
        using var gzip = new GZipStream(new MemoryStream(Blob(layout, layerDigest)), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (!entry.Name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            using var reader = new StreamReader(entry.DataStream!);
            return reader.ReadToEnd();
        }
        throw new InvalidOperationException($"no entry ending in {suffix} in layer {layerDigest}");
    }

    private static string Layer(JsonElement platform, string name) =>
        platform.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name).GetProperty("digest").GetString()!;
}
