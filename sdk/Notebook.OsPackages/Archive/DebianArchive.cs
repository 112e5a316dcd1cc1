using System.IO.Compression;
using System.Security.Cryptography;

namespace Notebook.OsPackages;

/// <summary>Where packages come from: a mirror, a suite, its components, one architecture.</summary>
public sealed record ArchiveSource(string Mirror, string Suite, IReadOnlyList<string> Components, string Architecture)
{
    public string MirrorRoot => Mirror.TrimEnd('/');
}

/// <summary>
/// Reads a suite the way apt does, without apt: InRelease (signature checked against the keyring), then each
/// component's Packages.gz, checked against the SHA256 the signed Release gives. Indexes are kept in
/// <paramref name="cacheFolder"/> by their SHA256, so a second restore downloads only InRelease.
/// </summary>
public sealed class DebianArchive(HttpClient http, ArchiveKeyring keyring, string? cacheFolder)
{
    public async Task<(ReleaseFile Release, PackageIndex Index)> OpenAsync(ArchiveSource source, CancellationToken ct)
    {
        var inReleaseUrl = $"{source.MirrorRoot}/dists/{source.Suite}/InRelease";
        var text = System.Text.Encoding.UTF8.GetString(await GetAsync(inReleaseUrl, ct).ConfigureAwait(false));
        ClearSignedMessage message;
        try { message = ClearSignedMessage.Parse(text); }
        catch (FormatException e) { throw Messages.NB3114_ReleaseUnreadable.Exception(inReleaseUrl, e.Message); }
        try { message.Verify(keyring, DateTimeOffset.UtcNow); }
        catch (Exception e) when (e is FormatException or Org.BouncyCastle.Bcpg.OpenPgp.PgpException or IOException)
        { throw Messages.NB3110_ReleaseSignatureInvalid.Exception(inReleaseUrl, e.Message); }
        ReleaseFile release;
        try { release = ReleaseFile.Parse(message.Text); }
        catch (FormatException e) { throw Messages.NB3114_ReleaseUnreadable.Exception(inReleaseUrl, e.Message); }

        var records = new List<PackageRecord>();
        foreach (var component in source.Components)
        {
            var path = $"{component}/binary-{source.Architecture}/Packages.gz";
            if (!release.Sha256.TryGetValue(path, out var expected))
                throw Messages.NB3113_IndexNotInRelease.Exception(source.Suite, source.MirrorRoot, path);
            var bytes = await GetVerifiedAsync($"{source.MirrorRoot}/dists/{source.Suite}/{path}", expected.Sha256, ct).ConfigureAwait(false);
            using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
            records.AddRange(PackageIndex.Read(reader, path));
        }
        return (release, new PackageIndex(records, source.Architecture));
    }

    private async Task<byte[]> GetVerifiedAsync(string url, string sha256, CancellationToken ct)
    {
        var cached = cacheFolder is null ? null : Path.Combine(cacheFolder, "indexes", sha256);
        if (cached is not null && File.Exists(cached))
        {
            var hit = await File.ReadAllBytesAsync(cached, ct).ConfigureAwait(false);
            if (Convert.ToHexStringLower(SHA256.HashData(hit)) == sha256) return hit;
        }
        var bytes = await GetAsync(url, ct).ConfigureAwait(false);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != sha256) throw Messages.NB3112_IndexHashMismatch.Exception(url, sha256, actual);
        if (cached is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            await AtomicWrite.WriteAllBytesAsync(cached, bytes, cancellationToken: ct).ConfigureAwait(false);
        }
        return bytes;
    }

    private async Task<byte[]> GetAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Messages.NB3111_MirrorUnreachable.Exception(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) { throw Messages.NB3111_MirrorUnreachable.Exception(url, e.Message); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { throw Messages.NB3111_MirrorUnreachable.Exception(url, "timed out: " + e.Message); }
    }
}
