using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Publishing;

public class ImageInputsResolverTests
{
    [Fact]
    public void Options_become_absolute_paths_tags_from_the_version_and_the_default_environment()
    {
        using var project = new PublishProject();
        var log = new DiagnosticBag();

        var inputs = ImageInputsResolver.Resolve(project.Options with { BaseImage = "scratch" }, log);

        log.Items.ShouldBeEmpty();
        inputs.BaseImage.ShouldBeNull();
        inputs.Tags.ShouldBe(["1.4.0", "1.4", "1", "latest"]);
        inputs.OutputDirectoryInImage.ShouldBe("/app/output");
        inputs.Notebooks.ShouldHaveSingleItem().ShouldBe(new NotebookFile(project.Notebook, "report.ipynb", project.Schema));
        inputs.ContentFiles.ShouldHaveSingleItem().ShouldBe(new AppFile(project.Content, "data/regions.csv"));
        inputs.Entrypoint.ShouldBe(["/usr/local/bin/nbrun"]);
        inputs.Cmd.ShouldBeNull();
        inputs.Environment.Select(e => e.Key).ShouldBe(["PYTHONPATH", "HOME", "IPYTHONDIR", "JUPYTER_RUNTIME_DIR", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "NBRUN_LOG_OUTPUT"]);
        inputs.Environment[0].Value.ShouldBe("/opt/notebook-sdk/site-packages");
        inputs.Created.ShouldBe(SourceDateEpoch.Default);
        inputs.Format.ShouldBe(ImageFormat.Oci);
        // A layout is a destination, so the engine is not one unless asked for.
        inputs.ToDockerEngine.ShouldBeFalse();
        (inputs with { }).ImageName.ShouldBe("analytics/report");
    }

    [Fact]
    public void Explicit_tags_links_environment_labels_ports_and_commands_are_kept_in_their_order()
    {
        using var project = new PublishProject();
        var log = new DiagnosticBag();
        var options = project.Options with
        {
            Registry = "registry.example.com",
            LayoutPath = null,
            Tags = [" 2.0 ", "latest", "2.0", ""],
            Notebooks = [new ProjectFile(project.Notebook, @"\jobs\daily.ipynb")],
            EnvironmentVariables = [new("HOME", "/home/job"), new("REGION", "west")],
            Labels = [new("team", "a"), new("team", "b")],
            GeneratedLabels = [new("org.opencontainers.image.title", " Report "), new("org.opencontainers.image.vendor", " ")],
            Ports = [new("8888"), new("53", "UDP"), new("8888", "tcp")],
            Entrypoint = ["/bin/sh", "-c"],
            EntrypointArgs = ["nbrun"],
            DefaultArgs = ["--help"],
            ImageFormat = "Docker",
            SourceDateEpoch = "1700000000",
        };

        var inputs = ImageInputsResolver.Resolve(options, log);

        log.Items.ShouldBeEmpty();
        inputs.Tags.ShouldBe(["2.0", "latest"]);
        inputs.ImageName.ShouldBe("registry.example.com/analytics/report");
        inputs.ToDockerEngine.ShouldBeFalse();
        inputs.Notebooks[0].RelativePath.ShouldBe("jobs/daily.ipynb");
        inputs.Notebooks[0].SchemaPath.ShouldBeNull();
        inputs.Environment.First(e => e.Key == "HOME").Value.ShouldBe("/home/job");
        inputs.Environment[^1].ShouldBe(new KeyValuePair<string, string>("REGION", "west"));
        inputs.Labels.ShouldBe(new Dictionary<string, string> { ["team"] = "b" });
        inputs.GeneratedLabels.ShouldBe(new Dictionary<string, string> { ["org.opencontainers.image.title"] = "Report" });
        inputs.ExposedPorts.ShouldBe(["53/udp", "8888/tcp"]);
        inputs.Entrypoint.ShouldBe(["/bin/sh", "-c", "nbrun"]);
        inputs.Cmd.ShouldBe(["--help"]);
        inputs.Format.ShouldBe(ImageFormat.Docker);
        inputs.Created.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    }

    [Fact]
    public void With_no_destination_the_engine_is_the_destination_and_a_folder_archive_is_named_after_the_repository()
    {
        using var project = new PublishProject();
        var log = new DiagnosticBag();

        ImageInputsResolver.Resolve(project.Options with { LayoutPath = null }, log).ToDockerEngine.ShouldBeTrue();
        ImageInputsResolver.Resolve(project.Options with { ToDockerEngine = true }, log).ToDockerEngine.ShouldBeTrue();
        var archive = ImageInputsResolver.Resolve(project.Options with { LayoutPath = null, ArchiveOutputPath = project.Combine("out") + "/" }, log);
        archive.ArchiveOutputPath.ShouldBe(project.Combine("out", "report.tar"));
        archive.ToDockerEngine.ShouldBeFalse();
        ImageInputsResolver.ArchivePath(project.Combine("job.tar.gz"), "a/b").ShouldBe(project.Combine("job.tar.gz"));
    }

    [Fact]
    public void Item_errors_are_all_reported_before_anything_is_published()
    {
        using var project = new PublishProject();
        var outside = project.Combine("elsewhere.csv");
        var log = new DiagnosticBag();
        var options = project.Options with
        {
            Labels = [new(" ", "x")],
            Ports = [new("http"), new("70000"), new("80", "sctp")],
            ContentFiles = [new ProjectFile(outside)],
        };

        var inputs = ImageInputsResolver.Resolve(options, log);

        log.Items.Select(d => d.Code).ShouldBe(["NB4070", "NB4070", "NB4070", "NB4051", "NB4052"], ignoreOrder: true);
        log.Items.ShouldAllBe(d => d.Severity == Severity.Error);
        inputs.ContentFiles[0].RelativePath.ShouldBe("elsewhere.csv");
    }

    [Theory]
    [InlineData("app", "NB4053")]
    [InlineData("/", "NB4053")]
    [InlineData("/app", "NB4071", "tar")]
    [InlineData("/app", "NB4003", null, "yesterday")]
    [InlineData("/app", "NB4002", null, null, "Analytics/Report")]
    [InlineData("/app", "NB4007", null, null, null, "-bad")]
    public void Wrong_settings_throw_their_code(string workingDirectory, string code, string? format = null, string? epoch = null, string? repository = null, string? tag = null)
    {
        using var project = new PublishProject();
        var options = project.Options with
        {
            WorkingDirectory = workingDirectory,
            ImageFormat = format,
            SourceDateEpoch = epoch,
            Repository = repository ?? "analytics/report",
            Tags = tag is null ? [] : [tag],
        };

        Should.Throw<NotebookSdkException>(() => ImageInputsResolver.Resolve(options, new DiagnosticBag())).Code.ShouldBe(code);
    }

    [Fact]
    public void A_base_pinned_by_digest_is_pulled_by_it_and_a_conflicting_or_malformed_pin_is_refused()
    {
        const string digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        BaseImagePin.Apply("python:3.12-slim", null).ToString().ShouldBe("docker.io/library/python:3.12-slim");
        BaseImagePin.Apply("python:3.12-slim", digest).Digest.ShouldBe(digest);
        BaseImagePin.Apply($"python@{digest}", digest).Digest.ShouldBe(digest);
        Should.Throw<NotebookSdkException>(() => BaseImagePin.Apply("python", "sha256:abc")).Code.ShouldBe("NB4057");
        Should.Throw<NotebookSdkException>(() => BaseImagePin.Apply($"python@{digest.Replace('1', '2')}", digest)).Code.ShouldBe("NB4056");
    }

    [Fact]
    public void Each_platform_takes_its_own_dependency_folder_and_one_folder_for_several_platforms_is_NB4153()
    {
        using var project = new PublishProject();
        var runners = Path.Combine(project.ProjectDirectory, "runners");
        foreach (var rid in new[] { "linux-x64", "linux-arm64" })
        {
            Directory.CreateDirectory(Path.Combine(runners, rid));
            File.WriteAllText(Path.Combine(runners, rid, "nbrun"), "#!/bin/sh\n");
        }
        var arm = Path.Combine(project.ProjectDirectory, "obj", "notebook-deps", "linux-arm64");
        var options = project.Options with { RuntimeIdentifiers = "linux-x64;linux-arm64", RunnerPath = null, RunnerDirectory = runners };
        PlatformDependencies[] both =
        [
            new("linux-x64", project.Dependencies, "sha256:x64", [new SbomPackage("fastmath", "1.0", ["aa"])]),
            new("linux-arm64", arm, "sha256:arm", [new SbomPackage("fastmath", "1.0", ["bb"])]),
        ];

        var log = new DiagnosticBag();
        var inputs = ImageInputsResolver.Resolve(options with { PlatformDependencies = both }, log);

        log.Items.ShouldBeEmpty();
        inputs.Platforms.Select(p => (p.RuntimeIdentifier, p.DependencyDirectory, p.LockDigest)).ShouldBe(
            [("linux-x64", project.Dependencies, "sha256:x64"), ("linux-arm64", arm, "sha256:arm")]);
        inputs.Platforms[1].Packages!.ShouldHaveSingleItem().Sha256.ShouldBe(["bb"]);

        var one = new DiagnosticBag();
        ImageInputsResolver.Resolve(options with { PlatformDependencies = both[..1] }, one);
        one.Items.ShouldHaveSingleItem().Code.ShouldBe("NB4153");
        one.Items[0].Message.ShouldContain("none resolved for linux-arm64");
    }
}
