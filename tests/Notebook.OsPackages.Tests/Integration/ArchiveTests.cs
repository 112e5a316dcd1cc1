namespace Notebook.OsPackages.Tests;

/// <summary>InRelease and Packages from the real mirror, checked as apt checks them.</summary>
[Collection(DebianCollection.Name)]
public sealed class ArchiveTests(DebianFixture debian)
{
    [Fact]
    public void The_shipped_keyring_holds_the_debian_archive_keys() => ArchiveKeyring.Debian.KeyCount.ShouldBeGreaterThanOrEqualTo(9);

    [Fact]
    public async Task The_real_InRelease_verifies_and_an_altered_one_does_not()
    {
        var text = await debian.Http.GetStringAsync($"{debian.Mirror.TrimEnd('/')}/dists/bookworm/InRelease");
        var message = ClearSignedMessage.Parse(text);
        message.Verify(ArchiveKeyring.Debian, DateTimeOffset.UtcNow).ShouldNotBeEmpty();
        message.Text.ShouldContain("Codename: bookworm\n");

        var altered = ClearSignedMessage.Parse(text.Replace("Codename: bookworm", "Codename: bookwarm"));
        Should.Throw<FormatException>(() => altered.Verify(ArchiveKeyring.Debian, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_keyring_without_the_signing_keys_refuses_the_release()
    {
        // The bullseye-only keyring Debian ships: bookworm's InRelease is signed by none of its keys.
        await using var only = File.OpenRead("/usr/share/keyrings/debian-archive-bullseye-stable.gpg");
        var keyring = ArchiveKeyring.FromStream(only);
        var archive = new DebianArchive(debian.Http, keyring, null);
        var e = await Should.ThrowAsync<NotebookSdkException>(() => archive.OpenAsync(debian.Source, default));
        e.Code.ShouldBe("NB3110");
    }

    [Fact]
    public async Task A_suite_or_component_the_mirror_lacks_is_reported_with_a_code()
    {
        var archive = new DebianArchive(debian.Http, ArchiveKeyring.Debian, debian.IndexCache);
        (await Should.ThrowAsync<NotebookSdkException>(() => archive.OpenAsync(debian.Source with { Components = ["nosuch"] }, default))).Code.ShouldBe("NB3113");
        (await Should.ThrowAsync<NotebookSdkException>(() => archive.OpenAsync(debian.Source with { Suite = "nosuchsuite" }, default))).Code.ShouldBe("NB3111");
    }

    [Fact]
    public async Task An_index_that_does_not_match_its_signed_hash_is_NB3112()
    {
        // A cached index of the right name with other bytes is ignored; a served one that differs is refused.
        var server = new System.Net.HttpListener();
        var port = Notebook.E2E.LocalRegistry.FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var inRelease = await debian.Http.GetByteArrayAsync($"{debian.Mirror.TrimEnd('/')}/dists/bookworm/InRelease");
        var serve = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var ctx = await server.GetContextAsync();
                var body = ctx.Request.Url!.AbsolutePath.EndsWith("InRelease", StringComparison.Ordinal) ? inRelease : "altered"u8.ToArray();
                ctx.Response.ContentLength64 = body.Length;
                await ctx.Response.OutputStream.WriteAsync(body);
                ctx.Response.Close();
            }
        });
        try
        {
            var archive = new DebianArchive(debian.Http, ArchiveKeyring.Debian, null);
            var e = await Should.ThrowAsync<NotebookSdkException>(() => archive.OpenAsync(debian.Source with { Mirror = $"http://127.0.0.1:{port}/debian" }, default));
            e.Code.ShouldBe("NB3112");
            await serve.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally { server.Stop(); }
    }
}
