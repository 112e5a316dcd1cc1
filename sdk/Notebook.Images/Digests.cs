using System.Security.Cryptography;

namespace Notebook.Images;

/// <summary>sha256 digests in the <c>sha256:hex</c> form of the OCI spec.</summary>
public static class Digests
{
    public static string Compute(ReadOnlySpan<byte> bytes) => Format(SHA256.HashData(bytes));

    public static async Task<string> ComputeAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Format(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    public static string Format(byte[] hash) => "sha256:" + Convert.ToHexStringLower(hash);

    public static bool IsValid(string? digest) => digest is not null && ImageReference.DigestPattern().IsMatch(digest);

    /// <summary>The hex part, used as a file name under <c>blobs/sha256/</c>.</summary>
    public static string Hex(string digest) =>
        IsValid(digest) ? digest["sha256:".Length..] : throw new ArgumentException($"'{digest}' is not a sha256 digest.", nameof(digest));
}
