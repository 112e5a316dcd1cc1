using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class RegistryPieceTests
{
    [Fact]
    public void Www_authenticate_parameters_are_parsed_with_quotes_and_commas()
    {
        var challenge = AuthChallenge.Parse(new AuthenticationHeaderValue("Bearer",
            "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a/b:pull,push\""));
        challenge.IsBearer.ShouldBeTrue();
        challenge.Realm.ShouldBe("https://auth.docker.io/token");
        challenge.Service.ShouldBe("registry.docker.io");
        challenge.Scope.ShouldBe("repository:a/b:pull,push");

        AuthChallenge.ParseParameters("realm=plain, error=\"insufficient_scope\"").ShouldBe(
            new Dictionary<string, string> { ["realm"] = "plain", ["error"] = "insufficient_scope" });
    }

    [Theory]
    [InlineData("127.0.0.1:5000", "http")]
    [InlineData("127.8.9.1", "http")]
    [InlineData("localhost:5000", "http")]
    [InlineData("[::1]:5000", "http")]
    [InlineData("registry.example.com", "https")]
    [InlineData("10.0.0.5:5000", "https")]
    [InlineData("docker.io", "https")]
    public void Http_only_for_loopback(string registry, string scheme) =>
        RegistryEndpoint.For(registry, _ => null).BaseUri.Scheme.ShouldBe(scheme);

    [Fact]
    public void Insecure_list_from_the_dotnet_sdk_variable_allows_http()
    {
        var env = new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = "a.example.com; 10.0.0.5:5000" };
        RegistryEndpoint.For("10.0.0.5:5000", env.GetValueOrDefault).IsInsecure.ShouldBeTrue();
        RegistryEndpoint.For("a.example.com", env.GetValueOrDefault).IsInsecure.ShouldBeTrue();
        RegistryEndpoint.For("b.example.com", env.GetValueOrDefault).IsInsecure.ShouldBeFalse();
        RegistryEndpoint.For("docker.io", _ => null).ApiHost.ShouldBe("registry-1.docker.io");
    }

    [Fact]
    public void Retry_delays_back_off_and_honour_retry_after()
    {
        var policy = new RetryPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), MaxRetryAfter = TimeSpan.FromSeconds(30) };
        policy.DelayFor(1, null).ShouldBe(TimeSpan.FromSeconds(1));
        policy.DelayFor(3, null).ShouldBe(TimeSpan.FromSeconds(4));
        policy.DelayFor(10, null).ShouldBe(TimeSpan.FromSeconds(5));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        policy.DelayFor(1, response).ShouldBe(TimeSpan.FromSeconds(7));
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));
        policy.DelayFor(1, response).ShouldBe(TimeSpan.FromSeconds(30));
        policy.MayRetry(policy.MaxAttempts, Stopwatch.StartNew(), TimeSpan.Zero).ShouldBeFalse();
        RetryPolicy.IsTransient(HttpStatusCode.BadGateway).ShouldBeTrue();
        RetryPolicy.IsTransient(HttpStatusCode.NotFound).ShouldBeFalse();
    }

    [Fact]
    public async Task Docker_config_lookup_handles_hub_keys_identity_tokens_and_bad_json()
    {
        using var dir = new TempDirectory();
        var hub = Convert.ToBase64String(Encoding.UTF8.GetBytes("hubuser:hubpass"));
        dir.WriteFile("config.json", """{"auths":{"https://index.docker.io/v1/":{"auth":"HUB"},"ghcr.io":{"identitytoken":"idtok"}}}""".Replace("HUB", hub));
        var provider = new DockerCredentialProvider(n => n == "DOCKER_CONFIG" ? dir.Path : null);

        (await provider.GetCredentialAsync("docker.io", default)).ShouldBe(new RegistryCredential("hubuser", "hubpass"));
        var ghcr = await provider.GetCredentialAsync("ghcr.io", default);
        ghcr!.IsIdentityToken.ShouldBeTrue();
        (await provider.GetCredentialAsync("quay.io", default)).ShouldBeNull();

        dir.WriteFile("config.json", "{ not json");
        (await Should.ThrowAsync<NotebookSdkException>(() => provider.GetCredentialAsync("quay.io", default))).Code.ShouldBe("NB4018");
        new DockerCredentialProvider(n => n == "HOME" ? "/home/u" : null).ConfigPath.ShouldBe("/home/u/.docker/config.json");
    }

    [Fact]
    public async Task A_failing_credential_helper_is_NB4017_without_its_output()
    {
        using var dir = new TempDirectory();
        var script = dir.WriteFile("docker-credential-broken", "#!/bin/sh\necho 'leaked-secret-value'\nexit 3\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        dir.WriteFile("config.json", """{"credsStore":"broken"}""");
        var provider = new DockerCredentialProvider(n => n == "DOCKER_CONFIG" ? dir.Path : null,
            helperFactory: name => new CredentialHelper(name, executable: dir.Combine("docker-credential-" + name)));

        var error = await Should.ThrowAsync<NotebookSdkException>(() => provider.GetCredentialAsync("r.example.com", default));
        error.Code.ShouldBe("NB4017");
        error.Message.ShouldNotContain("leaked-secret-value");

        var missing = new DockerCredentialProvider(n => n == "DOCKER_CONFIG" ? dir.Path : null,
            helperFactory: name => new CredentialHelper(name, executable: dir.Combine("does-not-exist")));
        (await Should.ThrowAsync<NotebookSdkException>(() => missing.GetCredentialAsync("r.example.com", default))).Code.ShouldBe("NB4017");
    }
}
