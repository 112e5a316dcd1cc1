using System.Text;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Artifacts;

public class ResultsAuthTests(BasicAuthRegistryServer registry) : IClassFixture<BasicAuthRegistryServer>
{
    private const string Creds = $"{BasicAuthRegistryServer.User}:{BasicAuthRegistryServer.Password}";

    private ResultsPusher Pusher(string password, IDiagnosticLog? log = null) => new(new RegistryClientOptions
    {
        Credentials = BasicAuthRegistryServer.Credentials(registry.Host, password),
        Retry = RegistryServer.TestRetry,
        Log = log,
    });

    [Fact]
    public async Task Results_with_a_subject_push_with_basic_auth_and_read_back_with_credentials()
    {
        using var client = registry.CreateClient(BasicAuthRegistryServer.Credentials(registry.Host));
        var image = await TestImages.PushBaseAsync(client, "secure/job", "1", marker: "auth");
        using var run = new RunResults();

        var result = await Pusher(BasicAuthRegistryServer.Password).PushAsync($"{registry.Host}/secure/job:run-1", run.Files,
            $"{registry.Host}/secure/job@{image.ManifestDigest}", new Dictionary<string, string>());

        var manifest = await RegistryReadBack.SkopeoRawAsync(registry.Host, "secure/job", "run-1", Creds);
        manifest["subject"]!["digest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);
        var blob = manifest["layers"]![2]!["digest"]!.GetValue<string>();
        (await RegistryReadBack.BlobAsync(registry.Host, "secure/job", blob, Creds)).ShouldBe(await File.ReadAllBytesAsync(run.RunJson));
        (await new ReferrersReader(client).ListAsync("secure/job", image.ManifestDigest)).ShouldHaveSingleItem().Digest.ShouldBe(result.Digest);
    }

    [Fact]
    public async Task A_wrong_password_is_NB4061_and_the_password_appears_nowhere()
    {
        const string wrong = "Wr0ng-Results-Pa55-K7";
        using var run = new RunResults();
        var log = new DiagnosticBag();

        var error = await Should.ThrowAsync<NotebookSdkException>(() =>
            Pusher(wrong, log).PushAsync($"{registry.Host}/secure/refused:1", run.Files, null, new Dictionary<string, string>()));

        error.Code.ShouldBe("NB4061");
        error.Message.ShouldContain(registry.Host);
        var everything = error.ToString() + error.InnerException + string.Join("\n", log.Infos) + string.Join("\n", log.Items);
        everything.ShouldNotContain(wrong);
        everything.ShouldNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicAuthRegistryServer.User}:{wrong}")));
    }

    [Fact]
    public async Task No_credentials_is_NB4061()
    {
        using var run = new RunResults();
        var pusher = new ResultsPusher(new RegistryClientOptions { Credentials = StaticCredentialProvider.Anonymous, Retry = RegistryServer.TestRetry });
        (await Should.ThrowAsync<NotebookSdkException>(() =>
            pusher.PushAsync($"{registry.Host}/secure/anonymous", run.Files, null, new Dictionary<string, string>()))).Code.ShouldBe("NB4061");
    }
}
