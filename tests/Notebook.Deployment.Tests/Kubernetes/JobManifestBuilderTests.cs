using k8s;
using k8s.Models;
using Notebook.Deployment.Kubernetes;
using Notebook.Deployment.Settings;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Kubernetes;

public sealed class JobManifestBuilderTests : IDisposable
{
    private const string Image = "registry.example.com/analytics/daily@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string _dir = Directory.CreateTempSubdirectory("nbdeploy-k8s-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_failure_policy_keys_on_the_runners_exit_codes()
    {
        RunnerExitCodes.CellFailed.ShouldBe(Notebook.Runner.ExitCodes.CellFailed);
        RunnerExitCodes.Usage.ShouldBe(Notebook.Runner.ExitCodes.Usage);
        RunnerExitCodes.Kernel.ShouldBe(Notebook.Runner.ExitCodes.Kernel);
        RunnerExitCodes.Timeout.ShouldBe(Notebook.Runner.ExitCodes.Timeout);
    }

    [Fact]
    public void A_plain_notebook_is_a_Job_that_fails_at_once_on_1_2_4_and_retries_3()
    {
        var job = (V1Job)JobManifestBuilder.Build(Spec(RunSettings.Empty), new KubernetesOptions());

        job.Kind.ShouldBe("Job");
        job.Spec.BackoffLimit.ShouldBe(RunSettings.DefaultRetries);
        job.Spec.ActiveDeadlineSeconds.ShouldBeNull();
        var rules = job.Spec.PodFailurePolicy.Rules;
        rules[0].Action.ShouldBe("FailJob");
        rules[0].OnExitCodes.Values.ShouldBe([1, 2, 4]);
        rules[1].Action.ShouldBe("Count");
        rules[1].OnExitCodes.Values.ShouldBe([3]);
        rules[2].Action.ShouldBe("Ignore");
        rules[2].OnPodConditions.ShouldHaveSingleItem().Type.ShouldBe("DisruptionTarget");
        var pod = job.Spec.Template.Spec;
        pod.AutomountServiceAccountToken.ShouldBe(false);
        pod.SecurityContext.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        pod.Containers[0].Resources.ShouldBeNull();
        pod.Containers[0].Args.ShouldBe(["report.ipynb"]);
    }

    [Fact]
    public void A_sweep_fails_only_its_index_and_its_deadline_counts_every_wave()
    {
        var settings = RunSettings.Empty with { Timeout = TimeSpan.FromMinutes(5), Retries = 1 };
        var job = (V1Job)JobManifestBuilder.Build(Spec(settings) with { Sweep = new SweepSpec("/app/grid.yaml", 5, 2) }, new KubernetesOptions());

        job.Spec.CompletionMode.ShouldBe("Indexed");
        job.Spec.Completions.ShouldBe(5);
        job.Spec.Parallelism.ShouldBe(2);
        job.Spec.BackoffLimitPerIndex.ShouldBe(1);
        job.Spec.BackoffLimit.ShouldBeNull();
        job.Spec.PodFailurePolicy.Rules[0].Action.ShouldBe("FailIndex");
        // 3 waves of 2, each set up to 2 attempts of (5 min + 5 min grace).
        job.Spec.ActiveDeadlineSeconds.ShouldBe(3 * 2 * 600);
    }

    [Fact]
    public void Parallelism_never_exceeds_the_sets()
    {
        var job = (V1Job)JobManifestBuilder.Build(Spec(RunSettings.Empty) with { Sweep = new SweepSpec("/app/grid.yaml", 3, 10) }, new KubernetesOptions());
        job.Spec.Parallelism.ShouldBe(3);
    }

    [Fact]
    public void A_scheduled_notebook_is_a_CronJob_whose_name_fits_52_characters()
    {
        var schedule = CronSchedule.TryParse("@daily", out _);
        var spec = Spec(RunSettings.Empty with { Schedule = schedule, TimeZone = "Etc/UTC", Concurrency = RunConcurrency.Replace }) with
        {
            Project = "a-project-with-a-rather-long-name-for-a-cluster",
            Notebook = "reports/quarterly-figures.ipynb",
        };
        var cron = (V1CronJob)JobManifestBuilder.Build(spec, new KubernetesOptions());

        cron.Metadata.Name.Length.ShouldBeLessThanOrEqualTo(52);
        KubernetesNames.IsDns1123Label(cron.Metadata.Name).ShouldBeTrue();
        cron.Spec.ConcurrencyPolicy.ShouldBe("Replace");
        cron.Spec.TimeZone.ShouldBe("Etc/UTC");
        cron.Spec.JobTemplate.Spec.TtlSecondsAfterFinished.ShouldBeNull();
        JobNames.FileName(spec.Notebook).ShouldBe("reports-quarterly-figures.yaml");
    }

    [Fact]
    public void The_yaml_reads_back_strictly_and_the_same()
    {
        var settings = RunSettingsParser.Parse(new RawRunSettings { Cpu = "1.5", Memory = "2Gi", Gpu = "2", Parameters = "region=eu" }, "report.ipynb", new DiagnosticBag())!;
        var yaml = JobManifestBuilder.ToYaml(JobManifestBuilder.Build(Spec(settings), new KubernetesOptions { Namespace = "ns" }));

        var job = KubernetesYaml.Deserialize<V1Job>(yaml, strict: true);
        job.Spec.Template.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString().ShouldBe("2");
        job.Spec.Template.Spec.Containers[0].Args.ShouldBe(["report.ipynb", "-p", "region=eu"]);
        KubernetesYaml.Serialize(job).ShouldBe(yaml);
        Should.Throw<Exception>(() => KubernetesYaml.Deserialize<V1Job>(yaml.Replace("backoffLimit:", "backofLimit:"), strict: true));
    }

    [Fact]
    public void The_folder_keeps_one_manifest_per_notebook_and_drops_those_of_gone_notebooks()
    {
        var options = new KubernetesOptions();
        var mine = Path.Combine(_dir, "old.yaml");
        var theirs = Path.Combine(_dir, "service.yaml");
        File.WriteAllText(mine, JobManifestBuilder.ToYaml(JobManifestBuilder.Build(Spec(RunSettings.Empty) with { Notebook = "old.ipynb" }, options)));
        File.WriteAllText(theirs, "apiVersion: v1\nkind: Service\n");

        var written = ManifestFolderWriter.Write(_dir, [Spec(RunSettings.Empty)], options, new DiagnosticBag()).ShouldNotBeNull();

        written.Select(Path.GetFileName).ShouldBe(["report.yaml"]);
        File.Exists(mine).ShouldBeFalse();
        File.Exists(theirs).ShouldBeTrue();
        var stamp = File.GetLastWriteTimeUtc(written[0]);
        File.SetLastWriteTimeUtc(written[0], stamp.AddHours(-1));
        ManifestFolderWriter.Write(_dir, [Spec(RunSettings.Empty)], options, new DiagnosticBag());
        File.GetLastWriteTimeUtc(written[0]).ShouldBe(stamp.AddHours(-1));
    }

    [Fact]
    public void Two_notebooks_that_share_a_name_are_NB6040()
    {
        var bag = new DiagnosticBag();
        ManifestFolderWriter.Write(_dir, [Spec(RunSettings.Empty) with { Notebook = "a_b.ipynb" }, Spec(RunSettings.Empty) with { Notebook = "a-b.ipynb" }], new KubernetesOptions(), bag).ShouldBeNull();
        bag.Items.ShouldHaveSingleItem().Code.ShouldBe("NB6040");
        Directory.GetFiles(_dir).ShouldBeEmpty();
    }

    private static NotebookJobSpec Spec(RunSettings settings) => new()
    {
        Project = "daily",
        Notebook = "report.ipynb",
        Image = Image,
        Version = "1.4.0",
        Settings = settings,
        User = "1000:1000",
    };
}
