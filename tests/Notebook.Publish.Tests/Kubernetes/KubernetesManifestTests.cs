using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests.Kubernetes;

/// <summary>
/// `dotnet publish` of a real project into the shared loopback registry writes kubernetes/&lt;notebook&gt;.yaml: a Job,
/// a CronJob and an Indexed Job here, each read back strictly with KubernetesClient, validated by npm kubernetes-models
/// and held to the API server's own rules. No API server runs here (none can): that part is not checked.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class KubernetesManifestTests(PublishFixture fixture)
{
    private const string Items = """
        <Notebook Update="report.ipynb" Cpu="500m" Gpu="1" Timeout="10m" Retries="3" Parameters="top_n=5%3Bstart_date=2026-02-01" />
        <Notebook Update="nightly.ipynb" Schedule="0 6 * * 1-5" TimeZone="Europe/Paris" Concurrency="Forbid" Memory="1Gi" />
        <Notebook Update="train.ipynb" Sweep="sweeps/grid.yaml" Timeout="1h" />
        <NotebookKubernetesNodeSelector Include="kubernetes.io/arch" Value="amd64" />
        <NotebookKubernetesToleration Include="nvidia.com/gpu" Operator="Exists" Effect="NoSchedule" />
        """;

    [Fact]
    public async Task Publish_writes_a_Job_a_CronJob_and_an_Indexed_Job_that_pass_every_check_here()
    {
        using var project = Project("""
            <NotebookMemory>256Mi</NotebookMemory>
            <NotebookSweepConcurrency>2</NotebookSweepConcurrency>
            <NotebookKubernetesNamespace>analytics</NotebookKubernetesNamespace>
            <NotebookKubernetesServiceAccount>notebook-runner</NotebookKubernetesServiceAccount>
            <NotebookKubernetesImagePullSecrets>regcred;mirror-cred</NotebookKubernetesImagePullSecrets>
            <NotebookResultsRepository>registry.example.com/analytics/runs</NotebookResultsRepository>
            """);

        await project.PublishCheckedAsync();

        var digest = project.ImageJson().GetProperty("digest").GetString()!;
        var image = $"{fixture.Registry.Host}/analytics/daily@{digest}";
        var folder = Path.Combine(project.PublishDirectory, "kubernetes");
        Directory.GetFiles(folder).Select(Path.GetFileName).Order().ShouldBe(["nightly.yaml", "report.yaml", "train.yaml"]);
        var manifests = Directory.GetFiles(folder).Order().Select(File.ReadAllText).ToArray();
        foreach (var yaml in manifests) ApiServerRules.Check(ManifestReader.ReadStrict(yaml)).ShouldBeEmpty();
        (await KubernetesModels.ValidateAsync([.. manifests.Select(ManifestReader.Json)])).ShouldBeEmpty();

        var job = (V1Job)ManifestReader.ReadStrict(File.ReadAllText(Path.Combine(folder, "report.yaml")));
        job.Metadata.Name.ShouldBe("daily-report");
        job.Metadata.NamespaceProperty.ShouldBe("analytics");
        job.Metadata.Labels["app.kubernetes.io/part-of"].ShouldBe("daily");
        job.Metadata.Labels["app.kubernetes.io/version"].ShouldBe("1.4.0");
        job.Metadata.Labels["app.kubernetes.io/managed-by"].ShouldBe("Notebook.Sdk");
        job.Spec.BackoffLimit.ShouldBe(3);
        job.Spec.ActiveDeadlineSeconds.ShouldBe((600 + 300) * 4);
        job.Spec.TtlSecondsAfterFinished.ShouldBe(86400);
        var rules = job.Spec.PodFailurePolicy.Rules;
        rules.Select(r => (r.Action, r.OnExitCodes?.Values is { } v ? string.Join(",", v) : r.OnPodConditions[0].Type))
            .ShouldBe([("FailJob", "1,2,4"), ("Count", "3"), ("Ignore", "DisruptionTarget")]);
        var pod = job.Spec.Template.Spec;
        pod.RestartPolicy.ShouldBe("Never");
        pod.ServiceAccountName.ShouldBe("notebook-runner");
        pod.ImagePullSecrets.Select(s => s.Name).ShouldBe(["regcred", "mirror-cred"]);
        pod.NodeSelector["kubernetes.io/arch"].ShouldBe("amd64");
        pod.Tolerations.ShouldHaveSingleItem().Key.ShouldBe("nvidia.com/gpu");
        pod.SecurityContext.RunAsUser.ShouldBe(1000);
        var container = pod.Containers.ShouldHaveSingleItem();
        container.Image.ShouldBe(image);
        container.Env.ShouldHaveSingleItem().Value.ShouldBe(image);
        container.Args.ShouldBe(["report.ipynb", "-p", "top_n=5", "-p", "start_date=2026-02-01", "--timeout", "600s", "--push-results", "registry.example.com/analytics/runs"]);
        container.Resources.Limits["cpu"].ToString().ShouldBe("500m");
        container.Resources.Limits["memory"].ToString().ShouldBe("256Mi");
        container.Resources.Limits["nvidia.com/gpu"].ToString().ShouldBe("1");
        container.Resources.Requests["cpu"].ToString().ShouldBe("500m");
        container.VolumeMounts.Select(m => m.MountPath).ShouldBe(["/tmp", "/app/output"]);

        var cron = (V1CronJob)ManifestReader.ReadStrict(File.ReadAllText(Path.Combine(folder, "nightly.yaml")));
        cron.Spec.Schedule.ShouldBe("0 6 * * 1-5");
        cron.Spec.TimeZone.ShouldBe("Europe/Paris");
        cron.Spec.ConcurrencyPolicy.ShouldBe("Forbid");
        cron.Spec.JobTemplate.Spec.TtlSecondsAfterFinished.ShouldBeNull();
        cron.Spec.JobTemplate.Spec.ActiveDeadlineSeconds.ShouldBeNull();
        cron.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToString().ShouldBe("1Gi");

        var sweep = (V1Job)ManifestReader.ReadStrict(File.ReadAllText(Path.Combine(folder, "train.yaml")));
        sweep.Spec.CompletionMode.ShouldBe("Indexed");
        sweep.Spec.Completions.ShouldBe(3);
        sweep.Spec.Parallelism.ShouldBe(2);
        sweep.Spec.BackoffLimitPerIndex.ShouldBe(2);
        sweep.Spec.PodFailurePolicy.Rules[0].Action.ShouldBe("FailIndex");
        sweep.Spec.Template.Spec.Containers[0].Args.ShouldBe(["train.ipynb", "--timeout", "3600s", "--push-results", "registry.example.com/analytics/runs", "--sweep", "/app/sweeps/grid.yaml"]);

        // The settings ride in the image, next to the parameter schemas; the sweep file is in it where the args say.
        var settings = JsonNode.Parse(Annotations(project)["dev.notebook-sdk.run-settings"])!;
        settings["report.ipynb"]!.ToJsonString().ShouldBe("""{"cpu":"500m","gpu":1,"memory":"256Mi","parameters":{"start_date":"2026-02-01","top_n":"5"},"retries":3,"timeoutSeconds":600}""");
        settings["nightly.ipynb"]!["schedule"]!.GetValue<string>().ShouldBe("0 6 * * 1-5");
        settings["train.ipynb"]!["sweepSets"]!.GetValue<int>().ShouldBe(3);
        ImageFile(project, "app/sweeps/grid.yaml").ShouldBe(Grid);

        // Off switch: a second publish writes no manifest.
        Directory.Delete(folder, recursive: true);
        await project.PublishCheckedAsync(null, "-p:EnableNotebookKubernetesManifests=false");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_settings_fail_the_build_with_a_code_that_names_the_notebook()
    {
        using var project = Project("<NotebookKubernetesNamespace>Analytics_Team</NotebookKubernetesNamespace>",
            """<Notebook Update="report.ipynb" Cpu="2 cores" />""" + "\n" + """<Notebook Update="nightly.ipynb" Schedule="0 25 * * *" />""");

        var build = await project.Project.BuildAsync();

        build.ExitCode.ShouldNotBe(0);
        build.ErrorCodes.ShouldBe(["NB6020", "NB6023"], ignoreOrder: true);
        build.Output.ShouldContain("The Cpu of report.ipynb is '2 cores'");
        build.Output.ShouldContain("The Schedule of nightly.ipynb is '0 25 * * *'");

        // A name the API server would refuse stops the publish before any manifest is written.
        project.Project.Write("daily.nbproj", File.ReadAllText(project.Project.ProjectPath).Replace("Cpu=\"2 cores\"", "").Replace("0 25 * * *", "@daily"));
        var publish = await project.PublishAsync();
        publish.ErrorCodes.ShouldBe(["NB6034"]);
        Directory.Exists(Path.Combine(project.PublishDirectory, "kubernetes")).ShouldBeFalse();
    }

    private const string Grid = "- {lr: 0.1}\n- {lr: 0.01}\n- {lr: 0.001}\n";

    private ImageProject Project(string properties, string items = Items)
    {
        var project = new ImageProject($"""
            <Version>1.4.0</Version>
            <ContainerBaseImage>{fixture.BaseImage}</ContainerBaseImage>
            <ContainerRegistry>{fixture.Registry.Host}</ContainerRegistry>
            <ContainerRepository>analytics/daily</ContainerRepository>
            <NotebookImageLayoutPath>$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
            {properties}
            """, items, name: "daily");
        project.Project.Write("nightly.ipynb", ImageProject.NotebookJson);
        project.Project.Write("train.ipynb", ImageProject.NotebookJson);
        project.Project.Write("sweeps/grid.yaml", Grid);
        return project;
    }

    private static Dictionary<string, string> Annotations(ImageProject project)
    {
        var manifest = Blob(project, Index(project)["manifests"]![0]!["digest"]!.GetValue<string>());
        return JsonNode.Parse(manifest)!["annotations"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    private static string ImageFile(ImageProject project, string path)
    {
        var manifest = JsonNode.Parse(Blob(project, Index(project)["manifests"]![0]!["digest"]!.GetValue<string>()))!;
        foreach (var layer in manifest["layers"]!.AsArray())
        {
            using var gzip = new GZipStream(new MemoryStream(BlobBytes(project, layer!["digest"]!.GetValue<string>())), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name.TrimStart('.', '/') != path || entry.DataStream is null) continue;
                using var reader = new StreamReader(entry.DataStream);
                return reader.ReadToEnd();
            }
        }

        throw new InvalidOperationException($"{path} is in no layer of the image");
    }

    private static JsonNode Index(ImageProject project) => JsonNode.Parse(File.ReadAllText(Path.Combine(project.Directory, "layout", "index.json")))!;

    private static string Blob(ImageProject project, string digest) => System.Text.Encoding.UTF8.GetString(BlobBytes(project, digest));

    private static byte[] BlobBytes(ImageProject project, string digest) =>
        File.ReadAllBytes(Path.Combine(project.Directory, "layout", "blobs", "sha256", digest["sha256:".Length..]));
}
