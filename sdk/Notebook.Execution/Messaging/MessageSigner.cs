using System.Security.Cryptography;

namespace Notebook.Execution.Messaging;

/// <summary>
/// Jupyter message signatures: lowercase hex HMAC-SHA256 over the header, parent header, metadata and content
/// frames exactly as sent or received. The key is the UTF-8 bytes of the connection file's <c>key</c> (not
/// hex-decoded); an empty key means unsigned messages and an empty signature.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    public MessageSigner(string key)
    {
        _key = System.Text.Encoding.UTF8.GetBytes(key);
    }

    public bool IsSigning => _key.Length > 0;

    public string Sign(IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        if (!IsSigning)
        {
            return "";
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var part in parts)
        {
            hmac.AppendData(part.Span);
        }

        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Constant-time comparison of <paramref name="signature"/> with the expected one.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        if (!IsSigning)
        {
            return true;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(parts));
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
