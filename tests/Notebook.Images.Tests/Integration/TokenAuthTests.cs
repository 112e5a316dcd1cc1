using Notebook.Diagnostics;
using Notebook.Images.Tests.Support;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Integration;

public class TokenAuthTests(TokenAuthRegistryServer registry) : IClassFixture<TokenAuthRegistryServer>
{
    private ICredentialProvider Basic => new StaticCredentialProvider(new Dictionary<string, RegistryCredential>
    {
        [registry.Host] = new(TokenAuthRegistryServer.User, TokenAuthRegistryServer.Password),
    });

    [Fact]
    public async Task Bearer_flow_with_basic_credentials_pushes_and_caches_tokens_per_scope()
    {
        using var client = registry.CreateClient(Basic);
        var before = registry.TokenRequests.Count;
        var image = await TestImages.PushBaseAsync(client, "private/base", "1");
        var pulled = await client.PullImageAsync(ImageReference.Parse($"{registry.Host}/private/base:1"));

        pulled.ManifestDigest.ShouldBe(image.ManifestDigest);
        var requests = registry.TokenRequests.Skip(before).ToList();
        requests.ShouldContain("GET repository:private/base:pull,push");
        requests.ShouldContain("GET repository:private/base:pull");
        requests.Count.ShouldBeLessThanOrEqualTo(2); // one per scope set, then cached
    }

    [Fact]
    public async Task Anonymous_token_reads_public_repositories_and_is_refused_for_push()
    {
        using (var owner = registry.CreateClient(Basic))
            await TestImages.PushBaseAsync(owner, "public/base", "1");

        using var anonymous = registry.CreateClient(StaticCredentialProvider.Anonymous);
        (await anonymous.PullImageAsync(ImageReference.Parse($"{registry.Host}/public/base:1"))).Layers.ShouldHaveSingleItem();
        var error = await Should.ThrowAsync<NotebookSdkException>(() => TestImages.PushBaseAsync(anonymous, "public/other", "1"));
        error.Code.ShouldBe("NB4011");
    }

    [Fact]
    public async Task Wrong_password_at_the_token_service_is_NB4011_without_the_password()
    {
        const string wrong = "N0t-The-Pa55word";
        using var client = registry.CreateClient(new StaticCredentialProvider(new Dictionary<string, RegistryCredential>
        {
            [registry.Host] = new(TokenAuthRegistryServer.User, wrong),
        }));
        var error = await Should.ThrowAsync<NotebookSdkException>(() => TestImages.PushBaseAsync(client, "private/wrong", "1"));
        error.Code.ShouldBe("NB4011");
        error.ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task Identity_token_uses_the_refresh_token_grant_and_access_token_field()
    {
        registry.UseAccessTokenField = true;
        try
        {
            using var client = registry.CreateClient(new StaticCredentialProvider(new Dictionary<string, RegistryCredential>
            {
                [registry.Host] = new(RegistryCredential.IdentityTokenUsername, TokenAuthRegistryServer.IdentityToken),
            }));
            await TestImages.PushBaseAsync(client, "private/identity", "1");
            registry.TokenRequests.ShouldContain("POST repository:private/identity:pull,push");
        }
        finally
        {
            registry.UseAccessTokenField = false;
        }
    }

    [Fact]
    public async Task Cross_repository_mount_asks_for_both_scopes()
    {
        using var client = registry.CreateClient(Basic);
        var image = await TestImages.PushBaseAsync(client, "private/source", "1");
        var result = await client.PushAsync("private/target", image, ["1"], mountFrom: "private/source");
        result.Mounted.Count.ShouldBe(2);
        registry.TokenRequests.ShouldContain("GET repository:private/target:pull,push repository:private/source:pull");
        result.Uploaded.ShouldBeEmpty();
    }
}
