using System.Text.RegularExpressions;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests;

/// <summary>The reproducibility contract (docs/images.md), tested three ways: same bytes, a change shows, a pinned digest.</summary>
[Collection(PublishCollection.Name)]
public sealed class ReproducibilityTests(PublishFixture fixture)
{
    /// <summary>
    /// Pinned after the first run (2026-11-22); re-pinned 2026-12-01 when labels started to follow the .NET SDK's
    /// defaults (org.opencontainers.image.authors from Authors, which defaults to the project name), and again
    /// the same day when images got NBRUN_LOG_OUTPUT=1 (container logs show the notebook), and again the same day when
    /// the run settings (issue 11) became the dev.notebook-sdk.run-settings label and annotation of every image. The project: scratch base, the fake runner, one notebook, one content file,
    /// Version 1.0.0, SOURCE_DATE_EPOCH unset. It changes when the layer, config or label rules change (then
    /// re-pin on purpose), when the parameter schema format changes, or when the runtime's zlib produces other deflate bytes.
    /// </summary>
    private const string GoldenDigest = "sha256:2c70328076aacf477826eb3dcdec60f1267044541d6cb738c7ca6165681af769";

    private static string Properties(string baseImage) => $"""
        <Version>1.0.0</Version>
        <ContainerBaseImage>{baseImage}</ContainerBaseImage>
        <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
        """;

    private const string Items = """<NotebookContent Include="data/**" />""";

    [Fact]
    public async Task Two_checkouts_with_other_file_times_and_time_zone_give_the_same_digest_and_a_changed_notebook_changes_only_its_layer()
    {
        using var first = new ImageProject(Properties(fixture.BaseImage), Items);
        using var second = new ImageProject(Properties(fixture.BaseImage), Items);
        foreach (var project in new[] { first, second })
        {
            project.Project.Write("data/regions.csv", "region\nnorth\nsouth\n");
            project.Project.Write("data/nested/more.txt", "more\n");
        }
        foreach (var file in Directory.EnumerateFiles(second.Directory, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, new DateTime(2011, 3, 4, 5, 6, 7, DateTimeKind.Utc));

        await first.PublishCheckedAsync(new Dictionary<string, string?> { ["TZ"] = "UTC" });
        await second.PublishCheckedAsync(new Dictionary<string, string?> { ["TZ"] = "Pacific/Kiritimati", ["LANG"] = "de_DE.UTF-8" });

        var a = first.ImageJson();
        var b = second.ImageJson();
        b.GetProperty("digest").GetString().ShouldBe(a.GetProperty("digest").GetString());
        b.GetProperty("config").GetProperty("digest").GetString().ShouldBe(a.GetProperty("config").GetProperty("digest").GetString());

        second.Project.Write("report.ipynb", ImageProject.NotebookJson.Replace("top_n: int = 10", "top_n: int = 20"));
        var republish = await second.PublishCheckedAsync();

        // Unchanged inputs are not packed and compressed again; the changed notebook's layer is.
        republish.Output.ShouldContain("Layer 'runner' is sha256:");
        Regex.IsMatch(republish.Output, @"Layer 'runner' is sha256:[0-9a-f]{64} \(unchanged inputs: reused\)").ShouldBeTrue(republish.Output);
        Regex.IsMatch(republish.Output, @"Layer 'notebooks' is sha256:[0-9a-f]{64}\.").ShouldBeTrue(republish.Output);

        var changed = second.ImageJson();
        changed.GetProperty("digest").GetString().ShouldNotBe(a.GetProperty("digest").GetString());
        var before = Layers(a);
        var after = Layers(changed);
        after.Keys.ShouldBe(before.Keys);
        foreach (var name in before.Keys.Where(n => n != "notebooks"))
            after[name].ShouldBe(before[name], $"layer '{name}' did not change");
        after["notebooks"].ShouldNotBe(before["notebooks"]);
    }

    [Fact]
    public async Task A_fixed_project_on_scratch_has_the_pinned_digest()
    {
        using var project = new ImageProject(Properties("scratch"), Items);
        project.Project.Write("data/regions.csv", "region\nnorth\nsouth\n");

        await project.PublishCheckedAsync();

        var json = project.ImageJson();
        json.GetProperty("base").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("digest").GetString().ShouldBe(GoldenDigest);
    }

    private static Dictionary<string, string> Layers(JsonElement json) =>
        json.GetProperty("layers").EnumerateArray()
            .Select((l, i) => (Name: l.GetProperty("name").GetString() == "base" ? $"base{i}" : l.GetProperty("name").GetString()!, Digest: l.GetProperty("digest").GetString()!))
            .ToDictionary(l => l.Name, l => l.Digest);
}
