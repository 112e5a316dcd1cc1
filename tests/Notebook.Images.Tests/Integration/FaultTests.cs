using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

public class FaultTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    private static Func<string, string, Fault> FirstTime(string kind, Fault fault)
    {
        var done = 0;
        return (k, _) => k == kind && Interlocked.Exchange(ref done, 1) == 0 ? fault : Fault.None;
    }

    [Theory]
    [InlineData("PUT upload", Fault.ServiceUnavailable)]
    [InlineData("POST upload", Fault.TooManyRequests)]
    [InlineData("PUT upload", Fault.DropConnection)]
    [InlineData("HEAD blob", Fault.DropConnection)]
    [InlineData("PUT manifest", Fault.ServiceUnavailable)]
    [InlineData("GET manifest", Fault.DropConnection)]
    public async Task A_transient_fault_the_first_time_does_not_fail_the_push(string kind, Fault fault)
    {
        await using var proxy = new FaultProxy(registry.Host, FirstTime(kind, fault));
        var log = new DiagnosticBag();
        using var client = new RegistryClient(proxy.Host, new RegistryClientOptions
        {
            Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry, Log = log,
        });
        var repository = "faults/" + fault.ToString().ToLowerInvariant() + "-" + kind.Replace(' ', '-').ToLowerInvariant();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var image = await TestImages.PushBaseAsync(client, repository, "1");
        var pulled = await client.PullImageAsync(ImageReference.Parse($"{proxy.Host}/{repository}:1"));

        proxy.Faults.ShouldHaveSingleItem();
        pulled.ManifestDigest.ShouldBe(image.ManifestDigest);
        log.Infos.ShouldContain(i => i.Contains("retrying"));
        if (fault == Fault.TooManyRequests) started.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(0.9)); // Retry-After: 1 honoured
        var inspect = await Tools.RunCheckedAsync("skopeo", "inspect", "--tls-verify=false", $"docker://{registry.Host}/{repository}:1");
        inspect.ShouldContain(image.ManifestDigest);
    }

    [Fact]
    public async Task Persistent_failure_is_NB4010_naming_registry_repository_and_step()
    {
        await using var proxy = new FaultProxy(registry.Host, (k, _) => k == "POST upload" ? Fault.DropConnection : Fault.None);
        using var client = new RegistryClient(proxy.Host, new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry });

        var error = await Should.ThrowAsync<NotebookSdkException>(() => TestImages.PushBaseAsync(client, "faults/dead", "1"));

        error.Code.ShouldBe("NB4010");
        error.Message.ShouldContain(proxy.Host);
        error.Message.ShouldContain("faults/dead");
        error.Message.ShouldContain("uploading blob sha256:");
        proxy.Count("POST upload").ShouldBe(RegistryServer.TestRetry.MaxAttempts);
    }

    [Fact]
    public async Task A_push_that_died_half_way_completes_when_run_again()
    {
        var layerOne = await new LayerBuilder().Add(LayerEntry.FromText("/one", "1")).BuildAsync("one");
        var layerTwo = await new LayerBuilder().Add(LayerEntry.FromText("/two", "2")).BuildAsync("two");
        var config = ImageConfigBuilder.Build(null, [layerOne, layerTwo], new ImageSettings());
        var image = ImageManifestBuilder.Build(config, [layerOne.Blob, layerTwo.Blob]);

        // The "registry" dies after the first blob went up: every later upload attempt loses its connection.
        var puts = 0;
        await using (var proxy = new FaultProxy(registry.Host, (k, _) =>
            k == "PUT upload" && Interlocked.Increment(ref puts) > 1 ? Fault.DropConnection : Fault.None))
        {
            using var dying = new RegistryClient(proxy.Host, new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry });
            (await Should.ThrowAsync<NotebookSdkException>(() => dying.PushAsync("faults/resume", image, ["1"]))).Code.ShouldBe("NB4010");
            proxy.Count("PUT manifest").ShouldBe(0);
        }

        using var client = registry.CreateClient();
        (await Should.ThrowAsync<NotebookSdkException>(() => client.GetManifestAsync("faults/resume", "1"))).Code.ShouldBe("NB4013");
        var result = await client.PushAsync("faults/resume", image, ["1"]);

        result.Skipped.ShouldBe([layerOne.Digest]);
        result.Uploaded.ShouldBe([layerTwo.Digest, image.ConfigDigest]);
        (await client.GetManifestAsync("faults/resume", "1")).Digest.ShouldBe(image.ManifestDigest);
    }
}
