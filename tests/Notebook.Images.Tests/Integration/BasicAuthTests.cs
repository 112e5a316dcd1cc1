using System.Text;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

public class BasicAuthTests(BasicAuthRegistryServer registry) : IClassFixture<BasicAuthRegistryServer>
{
    [Fact]
    public async Task Push_with_basic_credentials_works_and_skopeo_reads_it()
    {
        using var client = registry.CreateClient(BasicAuthRegistryServer.Credentials(registry.Host));
        var image = await TestImages.PushBaseAsync(client, "secure/base", "1");

        var inspect = await Tools.RunCheckedAsync("skopeo", "inspect", "--tls-verify=false",
            "--creds", $"{BasicAuthRegistryServer.User}:{BasicAuthRegistryServer.Password}", $"docker://{registry.Host}/secure/base:1");
        inspect.ShouldContain(image.ManifestDigest);
    }

    [Fact]
    public async Task Wrong_password_is_NB4011_and_the_password_appears_nowhere()
    {
        const string wrong = "Wr0ng-Pa55word-Q9Z";
        var log = new DiagnosticBag();
        using var client = registry.CreateClient(BasicAuthRegistryServer.Credentials(registry.Host, wrong), log);

        var error = await Should.ThrowAsync<NotebookSdkException>(() => TestImages.PushBaseAsync(client, "secure/wrong", "1"));

        error.Code.ShouldBe("NB4011");
        error.Message.ShouldContain(registry.Host);
        error.Message.ShouldContain("secure/wrong");
        var everything = error.ToString() + string.Join("\n", log.Infos) + string.Join("\n", log.Items);
        everything.ShouldNotContain(wrong);
        everything.ShouldNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicAuthRegistryServer.User}:{wrong}")));
        new RegistryCredential("u", wrong).ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task Access_check_answers_before_any_upload()
    {
        using var good = registry.CreateClient(BasicAuthRegistryServer.Credentials(registry.Host));
        await good.CheckAsync("secure/check", push: true);
        using var bad = registry.CreateClient(BasicAuthRegistryServer.Credentials(registry.Host, "nope"));
        (await Should.ThrowAsync<NotebookSdkException>(() => bad.CheckAsync("secure/check", push: true))).Code.ShouldBe("NB4011");
    }

    [Fact]
    public async Task No_credentials_is_NB4011()
    {
        using var client = registry.CreateClient(StaticCredentialProvider.Anonymous);
        (await Should.ThrowAsync<NotebookSdkException>(() => client.PullImageAsync(ImageReference.Parse($"{registry.Host}/secure/base:1"))))
            .Code.ShouldBe("NB4011");
    }

    [Fact]
    public async Task Credentials_come_from_docker_config_auths()
    {
        using var dir = new TempDirectory();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicAuthRegistryServer.User}:{BasicAuthRegistryServer.Password}"));
        dir.WriteFile("config.json", """{"auths":{"http://HOST/v2/":{"auth":"AUTH"}}}""".Replace("HOST", registry.Host).Replace("AUTH", auth));
        var provider = new DockerCredentialProvider(name => name == "DOCKER_CONFIG" ? dir.Path : null);

        using var client = registry.CreateClient(provider);
        await TestImages.PushBaseAsync(client, "secure/fromconfig", "1");
    }

    [Fact]
    public async Task Credentials_come_from_a_credential_helper()
    {
        using var dir = new TempDirectory();
        var script = dir.WriteFile("docker-credential-fake", $$"""
            #!/bin/sh
            read url
            if [ "$url" = "{{registry.Host}}" ]; then
              echo '{"ServerURL":"{{registry.Host}}","Username":"{{BasicAuthRegistryServer.User}}","Secret":"{{BasicAuthRegistryServer.Password}}"}'
            else
              echo "credentials not found in native keychain"; exit 1
            fi
            """);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        dir.WriteFile("config.json", """{"credHelpers":{"HOST":"fake"},"auths":{"HOST":{"auth":"bm9wZTpub3Bl"}}}""".Replace("HOST", registry.Host));
        var provider = new DockerCredentialProvider(name => name == "DOCKER_CONFIG" ? dir.Path : null,
            helperFactory: name => new CredentialHelper(name, executable: dir.Combine("docker-credential-" + name)));

        (await provider.GetCredentialAsync("other.example.com", default)).ShouldBeNull();
        using var client = registry.CreateClient(provider);
        await TestImages.PushBaseAsync(client, "secure/fromhelper", "1");
    }

    [Fact]
    public async Task Credentials_come_from_the_dotnet_sdk_environment_variables_first()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("config.json", """{"auths":{"HOST":{"auth":"bm9wZTpub3Bl"}}}""".Replace("HOST", registry.Host));
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_CONFIG"] = dir.Path,
            ["DOTNET_CONTAINER_REGISTRY_UNAME"] = BasicAuthRegistryServer.User,
            ["DOTNET_CONTAINER_REGISTRY_PWORD"] = BasicAuthRegistryServer.Password,
        };
        using var client = registry.CreateClient(new DockerCredentialProvider(environment.GetValueOrDefault));
        await TestImages.PushBaseAsync(client, "secure/fromenv", "1");

        var legacy = new Dictionary<string, string> { ["SDK_CONTAINER_REGISTRY_UNAME"] = "a", ["SDK_CONTAINER_REGISTRY_PWORD"] = "b" };
        (await new DockerCredentialProvider(legacy.GetValueOrDefault).GetCredentialAsync("x.io", default)).ShouldBe(new RegistryCredential("a", "b"));
    }
}
