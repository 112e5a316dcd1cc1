using k8s.Models;
using Notebook.Deployment.Kubernetes;
using Notebook.Deployment.Settings;
using Shouldly;
using Xunit;

namespace Notebook.Publish.Tests.Kubernetes;

/// <summary>The checks the manifest tests rely on catch what the API server would refuse (a check that cannot fail is no check).</summary>
public sealed class ApiServerRulesTests
{
    private const string Image = "registry.example.com/analytics/daily@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_manifest_from_the_builder_passes() => ApiServerRules.Check(Job()).ShouldBeEmpty();

    [Theory]
    [InlineData("name")]
    [InlineData("label")]
    [InlineData("restart")]
    [InlineData("exitcodes")]
    [InlineData("failindex")]
    [InlineData("tag")]
    [InlineData("root")]
    [InlineData("mount")]
    public void Each_violation_is_caught(string defect)
    {
        var job = Job();
        var pod = job.Spec.Template.Spec;
        switch (defect)
        {
            case "name": job.Metadata.Name = new string('a', 64); break;
            case "label": job.Metadata.Labels["app.kubernetes.io/version"] = "1.0+build"; break;
            case "restart": pod.RestartPolicy = "OnFailure"; break;
            case "exitcodes": job.Spec.PodFailurePolicy.Rules[0].OnExitCodes.Values = [4, 1, 2]; break;
            case "failindex": job.Spec.PodFailurePolicy.Rules[0].Action = "FailIndex"; break;
            case "tag": pod.Containers[0].Image = "registry.example.com/analytics/daily:1.0"; break;
            case "root": pod.SecurityContext.RunAsUser = 0; break;
            case "mount": pod.Containers[0].VolumeMounts[0].Name = "nowhere"; break;
        }

        ApiServerRules.Check(job).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_bad_schedule_or_zone_is_caught()
    {
        var cron = (V1CronJob)JobManifestBuilder.Build(Spec() with { Settings = RunSettings.Empty with { Schedule = CronSchedule.TryParse("@daily", out _) } }, new KubernetesOptions());
        cron.Spec.Schedule = "0 25 * * *";
        cron.Spec.TimeZone = "Mars/Olympus";
        ApiServerRules.Check(cron).Count.ShouldBe(2);
    }

    private static V1Job Job() => (V1Job)JobManifestBuilder.Build(Spec(), new KubernetesOptions());

    private static NotebookJobSpec Spec() => new()
    {
        Project = "daily", Notebook = "report.ipynb", Image = Image, Settings = RunSettings.Empty, User = "1000:1000", Version = "1.0.0",
    };
}
