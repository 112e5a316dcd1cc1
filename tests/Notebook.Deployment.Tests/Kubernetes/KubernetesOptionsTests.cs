using Notebook.Deployment.Kubernetes;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Kubernetes;

public sealed class KubernetesOptionsTests
{
    [Fact]
    public void Valid_options_are_kept()
    {
        var bag = new DiagnosticBag();
        var options = KubernetesOptionsParser.Parse(new RawKubernetesOptions
        {
            Namespace = "analytics",
            ServiceAccount = "runner.sa",
            ImagePullSecrets = ["regcred", "regcred", " "],
            NodeSelector = [new("kubernetes.io/arch", "amd64")],
            Tolerations = [new("", "Exists", null, null, null), new("dedicated", "Equal", "batch", "NoExecute", "60")],
            TtlSecondsAfterFinished = "0",
            ResultsRepository = "registry.example.com/team/runs:latest",
        }, bag).ShouldNotBeNull();

        bag.Items.ShouldBeEmpty();
        options.ImagePullSecrets.ShouldBe(["regcred"]);
        options.Tolerations.Count.ShouldBe(2);
        options.Tolerations[0].Key.ShouldBeNull();
        options.Tolerations[1].TolerationSeconds.ShouldBe(60);
        options.TtlSecondsAfterFinished.ShouldBe(0);
    }

    [Theory]
    [InlineData("Analytics", null, null, "NB6034")]
    [InlineData("a-very-long-namespace-name-that-goes-beyond-the-sixty-three-chars", null, null, "NB6034")]
    [InlineData(null, "runner_sa", null, "NB6034")]
    [InlineData(null, null, "-1", "NB6037")]
    [InlineData(null, null, "a day", "NB6037")]
    public void Names_and_numbers_follow_the_API_server(string? ns, string? account, string? ttl, string code)
    {
        var bag = new DiagnosticBag();
        KubernetesOptionsParser.Parse(new RawKubernetesOptions { Namespace = ns, ServiceAccount = account, TtlSecondsAfterFinished = ttl }, bag).ShouldBeNull();
        bag.Items.ShouldHaveSingleItem().Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("", "Equal", null, null, null, "Exists")]
    [InlineData("gpu", "Exists", "yes", null, null, "takes no Value")]
    [InlineData("gpu", "Matches", null, null, null, "neither Equal nor Exists")]
    [InlineData("gpu", null, null, "Sometimes", null, "NoSchedule")]
    [InlineData("gpu", null, null, "NoSchedule", "30", "NoExecute")]
    [InlineData("bad key!", null, null, null, null, "label key")]
    public void Tolerations_follow_the_API_server(string key, string? op, string? value, string? effect, string? seconds, string reason)
    {
        var bag = new DiagnosticBag();
        KubernetesOptionsParser.Parse(new RawKubernetesOptions { Tolerations = [new(key, op, value, effect, seconds)] }, bag).ShouldBeNull();
        var error = bag.Items.ShouldHaveSingleItem();
        error.Code.ShouldBe("NB6036");
        error.Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("disk type", "ssd")]
    [InlineData("disktype", "fast ssd")]
    public void Node_selectors_follow_the_label_rules(string key, string value)
    {
        var bag = new DiagnosticBag();
        KubernetesOptionsParser.Parse(new RawKubernetesOptions { NodeSelector = [new(key, value)] }, bag).ShouldBeNull();
        bag.Items.ShouldHaveSingleItem().Code.ShouldBe("NB6035");
    }

    [Fact]
    public void A_bad_results_repository_is_NB6038()
    {
        var bag = new DiagnosticBag();
        KubernetesOptionsParser.Parse(new RawKubernetesOptions { ResultsRepository = "Not A Repo" }, bag).ShouldBeNull();
        bag.Items.ShouldHaveSingleItem().Code.ShouldBe("NB6038");
    }

    [Theory]
    [InlineData("Daily Report", "daily-report")]
    [InlineData("--x--", "x")]
    [InlineData("", "notebook")]
    public void Object_names_are_DNS_1123_labels(string text, string name) => KubernetesNames.ToObjectName(text).ShouldBe(name);

    [Fact]
    public void Long_names_are_cut_with_a_hash_that_keeps_them_apart()
    {
        var a = KubernetesNames.ToObjectName(new string('a', 70) + "1");
        var b = KubernetesNames.ToObjectName(new string('a', 70) + "2");
        a.Length.ShouldBe(63);
        a.ShouldNotBe(b);
        KubernetesNames.IsDns1123Label(a).ShouldBeTrue();
    }
}
