using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Artifacts;

public class ResultsPushTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    private static readonly Dictionary<string, string> NoAnnotations = [];

    private static ResultsPusher Pusher(ICredentialProvider? credentials = null, IDiagnosticLog? log = null) => new(new RegistryClientOptions
    {
        Credentials = credentials ?? StaticCredentialProvider.Anonymous,
        Retry = RegistryServer.TestRetry,
        Log = log,
    });

    [Fact]
    public async Task Results_without_subject_are_one_artifact_with_a_titled_layer_per_file_that_skopeo_and_curl_read_back()
    {
        using var run = new RunResults(status: "error", exitCode: 1);
        var result = await Pusher().PushAsync($"{registry.Host}/runs/plain:first", run.Files, null,
            new Dictionary<string, string> { ["org.example.team"] = "analytics" });

        result.Tag.ShouldBe("first");
        result.Subject.ShouldBeNull();
        result.Reference.ShouldBe($"{registry.Host}/runs/plain@{result.Digest}");
        var manifest = await RegistryReadBack.SkopeoRawAsync(registry.Host, "runs/plain", "first");
        Digests.Compute(await RegistryReadBack.ManifestBytesAsync(registry.Host, "runs/plain", "first")).ShouldBe(result.Digest);
        manifest["mediaType"]!.GetValue<string>().ShouldBe(MediaTypes.OciManifest);
        manifest["artifactType"]!.GetValue<string>().ShouldBe(ResultsPusher.ArtifactType);
        manifest["config"]!["mediaType"]!.GetValue<string>().ShouldBe("application/vnd.oci.empty.v1+json");
        manifest["config"]!["digest"]!.GetValue<string>().ShouldBe("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        manifest["config"]!["size"]!.GetValue<int>().ShouldBe(2);
        manifest.ContainsKey("subject").ShouldBeFalse();
        var annotations = manifest["annotations"]!.AsObject();
        annotations["org.example.team"]!.GetValue<string>().ShouldBe("analytics");
        annotations[ResultsPusher.StatusAnnotation]!.GetValue<string>().ShouldBe("error");
        annotations[ResultsPusher.ExitCodeAnnotation]!.GetValue<string>().ShouldBe("1");
        DateTimeOffset.TryParse(annotations[OciArtifact.CreatedAnnotation]!.GetValue<string>(), out _).ShouldBeTrue();

        var layers = manifest["layers"]!.AsArray().Select(l => l!.AsObject()).ToList();
        layers.Select(l => l["annotations"]![OciArtifact.TitleAnnotation]!.GetValue<string>()).ShouldBe(["report.ipynb", "report.html", "run.json"]);
        layers.Select(l => l["mediaType"]!.GetValue<string>()).ShouldBe(["application/x-ipynb+json", "text/html", "application/json"]);
        foreach (var (layer, file) in layers.Zip(run.Files))
        {
            var bytes = await RegistryReadBack.BlobAsync(registry.Host, "runs/plain", layer["digest"]!.GetValue<string>());
            bytes.ShouldBe(await File.ReadAllBytesAsync(file));
            layer["size"]!.GetValue<long>().ShouldBe(bytes.LongLength);
        }
    }

    [Fact]
    public async Task Results_with_a_subject_name_the_image_and_are_listed_through_the_referrers_tag()
    {
        using var client = registry.CreateClient();
        var image = await TestImages.PushBaseAsync(client, "jobs/report", "1.0", marker: "subject");
        var imageRef = $"{registry.Host}/jobs/report@{image.ManifestDigest}";
        using var run = new RunResults();

        var result = await Pusher().PushAsync($"{registry.Host}/jobs/report", run.Files, imageRef, NoAnnotations);

        result.Subject.ShouldBe(image.ManifestDigest);
        result.Tag.ShouldStartWith(ResultsPusher.DefaultTagPrefix);
        result.Tag.ShouldBe("run-" + Digests.Hex(result.Digest)[..16]);
        var manifest = await RegistryReadBack.SkopeoRawAsync(registry.Host, "jobs/report", result.Tag);
        var subject = manifest["subject"]!.AsObject();
        subject["digest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);
        subject["mediaType"]!.GetValue<string>().ShouldBe(MediaTypes.OciManifest);
        subject["size"]!.GetValue<long>().ShouldBe(image.Manifest.Size);
        manifest["annotations"]![ResultsPusher.ImageAnnotation]!.GetValue<string>().ShouldBe(imageRef);

        // distribution 2.8 has no referrers API: the fallback index under sha256-HEX lists the run.
        var index = await RegistryReadBack.SkopeoRawAsync(registry.Host, "jobs/report", "sha256-" + Digests.Hex(image.ManifestDigest));
        index["mediaType"]!.GetValue<string>().ShouldBe(MediaTypes.OciIndex);
        var entry = index["manifests"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        entry["digest"]!.GetValue<string>().ShouldBe(result.Digest);
        entry["artifactType"]!.GetValue<string>().ShouldBe(ResultsPusher.ArtifactType);
        entry["annotations"]![ResultsPusher.StatusAnnotation]!.GetValue<string>().ShouldBe("ok");
    }

    [Fact]
    public async Task Two_runs_for_one_image_are_both_listed_and_pushing_one_again_adds_nothing()
    {
        using var client = registry.CreateClient();
        var image = await TestImages.PushBaseAsync(client, "jobs/twice", "1", marker: "twice");
        var imageRef = $"{registry.Host}/jobs/twice@{image.ManifestDigest}";
        using var first = new RunResults("ok", 0);
        using var second = new RunResults("timed_out", 4);

        var a = await Pusher().PushAsync($"{registry.Host}/jobs/twice:run-a", first.Files, imageRef, NoAnnotations);
        var b = await Pusher().PushAsync($"{registry.Host}/jobs/twice:run-b", second.Files, imageRef, NoAnnotations);
        var again = await Pusher().PushAsync($"{registry.Host}/jobs/twice:run-a", first.Files, imageRef,
            new Dictionary<string, string> { [OciArtifact.CreatedAnnotation] = "2026-12-01T09:00:00Z" });
        var reader = new ReferrersReader(client);
        var listed = await reader.ListAsync("jobs/twice", image.ManifestDigest, ResultsPusher.ArtifactType);
        var artifact = await RebuildAsync(client, "jobs/twice", again.Digest);
        await new ArtifactPusher(client).PushAsync("jobs/twice", null, artifact);

        listed.Select(r => r.Digest).ShouldBe([a.Digest, b.Digest, again.Digest], ignoreOrder: true);
        listed.Single(r => r.Digest == b.Digest).Annotations[ResultsPusher.ExitCodeAnnotation].ShouldBe("4");
        (await reader.ListAsync("jobs/twice", image.ManifestDigest, ResultsPusher.ArtifactType)).Count.ShouldBe(3);
        (await reader.ListAsync("jobs/twice", image.ManifestDigest, "application/spdx+json")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_subject_in_another_repository_is_resolved_there_and_listed_in_the_results_repository()
    {
        using var client = registry.CreateClient();
        var image = await TestImages.PushBaseAsync(client, "jobs/elsewhere", "1", marker: "elsewhere");
        using var run = new RunResults();

        var result = await Pusher().PushAsync($"{registry.Host}/results/elsewhere", run.Files, $"{registry.Host}/jobs/elsewhere:1", NoAnnotations);

        result.Subject.ShouldBe(image.ManifestDigest);
        (await new ReferrersReader(client).ListAsync("results/elsewhere", image.ManifestDigest)).ShouldHaveSingleItem().Digest.ShouldBe(result.Digest);
        (await new ReferrersReader(client).ListAsync("jobs/elsewhere", image.ManifestDigest)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_subject_in_another_registry_is_named_in_an_annotation_but_not_attached()
    {
        using var run = new RunResults();
        var log = new DiagnosticBag();
        const string elsewhere = "registry.example.com/jobs/report@sha256:0000000000000000000000000000000000000000000000000000000000000000";

        var result = await Pusher(log: log).PushAsync($"{registry.Host}/results/foreign:x", run.Files, elsewhere, NoAnnotations);

        result.Subject.ShouldBeNull();
        var manifest = await RegistryReadBack.SkopeoRawAsync(registry.Host, "results/foreign", "x");
        manifest.ContainsKey("subject").ShouldBeFalse();
        manifest["annotations"]![ResultsPusher.ImageAnnotation]!.GetValue<string>().ShouldBe(elsewhere);
        log.Infos.ShouldContain(i => i.Contains(ResultsPusher.ImageAnnotation));
    }

    [Fact]
    public async Task A_subject_the_registry_does_not_have_is_NB4063_and_nothing_is_tagged()
    {
        using var run = new RunResults();
        var missing = $"{registry.Host}/jobs/missing@sha256:{new string('a', 64)}";

        var error = await Should.ThrowAsync<NotebookSdkException>(() => Pusher().PushAsync($"{registry.Host}/jobs/missing:r", run.Files, missing, NoAnnotations));

        error.Code.ShouldBe("NB4063");
        error.Message.ShouldContain(missing);
        using var client = registry.CreateClient();
        (await client.TryGetManifestAsync("jobs/missing", "r")).ShouldBeNull();
    }

    [Theory]
    [InlineData("runs/noregistry:1", "NB4062")]
    [InlineData("HOST/runs/pinned@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "NB4062")]
    [InlineData("HOST/Runs/Upper", "NB4062")]
    [InlineData("HOST/runs/badtag:-x", "NB4062")]
    [InlineData("https://HOST/runs/scheme", "NB4062")]
    public async Task A_reference_results_cannot_be_pushed_to_is_NB4062(string reference, string code)
    {
        using var run = new RunResults();
        var error = await Should.ThrowAsync<NotebookSdkException>(() =>
            Pusher().PushAsync(reference.Replace("HOST", registry.Host), run.Files, null, NoAnnotations));
        error.Code.ShouldBe(code);
    }

    [Fact]
    public async Task A_subject_that_is_no_reference_is_NB4066_and_a_missing_file_is_NB4064()
    {
        using var run = new RunResults();
        (await Should.ThrowAsync<NotebookSdkException>(() =>
            Pusher().PushAsync($"{registry.Host}/runs/badsubject", run.Files, "not a reference", NoAnnotations))).Code.ShouldBe("NB4066");
        var missing = Path.Combine(Path.GetDirectoryName(run.Notebook)!, "absent.html");
        (await Should.ThrowAsync<NotebookSdkException>(() =>
            Pusher().PushAsync($"{registry.Host}/runs/missingfile", [run.Notebook, missing], null, NoAnnotations))).Code.ShouldBe("NB4064");
    }

    [Fact]
    public async Task A_registry_that_is_down_is_NB4060_after_bounded_retries()
    {
        using var run = new RunResults();
        var down = $"127.0.0.1:{RegistryServer.FreePort()}";
        var log = new DiagnosticBag();

        // The guard only keeps a hang from stalling the suite; the promise is the bounded retry policy's.
        var error = await Should.ThrowAsync<NotebookSdkException>(() =>
            Pusher(log: log).PushAsync($"{down}/runs/down", run.Files, null, NoAnnotations).WaitAsync(TimeSpan.FromMinutes(2)));

        error.Code.ShouldBe("NB4060");
        error.Message.ShouldContain(down);
        error.InnerException.ShouldBeOfType<NotebookSdkException>().Code.ShouldBe("NB4010");
        log.Infos.Count(i => i.Contains("retrying")).ShouldBe(RegistryServer.TestRetry.MaxAttempts - 1);
    }

    [Fact]
    public void The_referrers_index_keeps_unknown_entries_and_adds_a_digest_once()
    {
        var other = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:BBBB","size":1,"artifactType":"application/spdx+json","x-extra":true}]}"""
            .Replace("BBBB", new string('b', 64));
        var artifact = new OciArtifact(ResultsPusher.ArtifactType, [ArtifactFile.FromBytes("run.json", "application/json", "{}"u8.ToArray())]).Build();
        var entry = ReferrersIndex.Entry(artifact, ResultsPusher.ArtifactType, new Dictionary<string, string> { ["k"] = "v" });

        var added = ReferrersIndex.Add(Encoding.UTF8.GetBytes(other), entry).ShouldNotBeNull();
        ReferrersIndex.Add(added, entry).ShouldBeNull();

        var all = ReferrersIndex.Read(added);
        all.Select(r => r.ArtifactType).ShouldBe(["application/spdx+json", ResultsPusher.ArtifactType]);
        ReferrersIndex.Read(added, ResultsPusher.ArtifactType).ShouldHaveSingleItem().Annotations["k"].ShouldBe("v");
        JsonNode.Parse(added)!["manifests"]![0]!["x-extra"]!.GetValue<bool>().ShouldBeTrue();
        ReferrersIndex.TagFor("sha256:" + new string('c', 64)).ShouldBe("sha256-" + new string('c', 64));
    }

    /// <summary>The artifact behind a pushed manifest, rebuilt from what the registry holds (to push the very same one again).</summary>
    private static async Task<OciArtifact> RebuildAsync(RegistryClient client, string repository, string digest)
    {
        var manifest = JsonNode.Parse((await client.GetManifestAsync(repository, digest)).Bytes)!.AsObject();
        var files = new List<ArtifactFile>();
        foreach (var layer in manifest["layers"]!.AsArray())
            files.Add(ArtifactFile.FromBytes(layer!["annotations"]![OciArtifact.TitleAnnotation]!.GetValue<string>(), layer["mediaType"]!.GetValue<string>(),
                await client.GetBlobBytesAsync(repository, layer["digest"]!.GetValue<string>())));
        var subject = manifest["subject"]!;
        var artifact = new OciArtifact(manifest["artifactType"]!.GetValue<string>(), files)
        {
            Annotations = manifest["annotations"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            Subject = new Descriptor(subject["mediaType"]!.GetValue<string>(), subject["digest"]!.GetValue<string>(), subject["size"]!.GetValue<long>()),
        };
        artifact.Build().ManifestDigest.ShouldBe(digest);
        return artifact;
    }
}
