using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Notebook.Execution.Messaging;

/// <summary>
/// Builds, signs, serialises and parses messages of one client session
/// (wire format: <c>[ident*] "&lt;IDS|MSG&gt;" signature header parent_header metadata content [buffers*]</c>).
/// </summary>
public sealed class JupyterSession
{
    public const string ProtocolVersion = "5.3";
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private readonly MessageSigner _signer;
    private long _counter;

    public JupyterSession(string key, string? sessionId = null, string username = "nbrun")
    {
        _signer = new MessageSigner(key);
        SessionId = sessionId ?? Guid.NewGuid().ToString("N");
        Username = username;
    }

    public string SessionId { get; }

    public string Username { get; }

    public MessageSigner Signer => _signer;

    /// <summary>A new message with a unique <c>msg_id</c> (kernels reject replayed signatures).</summary>
    public JupyterMessage CreateMessage(string msgType, JsonObject content, JsonObject? parentHeader = null, JsonObject? metadata = null)
    {
        var header = new JsonObject
        {
            ["msg_id"] = $"{SessionId}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}",
            ["session"] = SessionId,
            ["username"] = Username,
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["msg_type"] = msgType,
            ["version"] = ProtocolVersion,
        };
        return new JupyterMessage(header, parentHeader ?? [], metadata ?? [], content, []);
    }

    /// <summary>The frames to send on a DEALER socket (no routing identities).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Serialize(JupyterMessage message)
    {
        var parts = new ReadOnlyMemory<byte>[]
        {
            Encoding.UTF8.GetBytes(message.Header.ToJsonString()),
            Encoding.UTF8.GetBytes(message.ParentHeader.ToJsonString()),
            Encoding.UTF8.GetBytes(message.Metadata.ToJsonString()),
            Encoding.UTF8.GetBytes(message.Content.ToJsonString()),
        };
        var frames = new List<ReadOnlyMemory<byte>>(6 + message.Buffers.Count)
        {
            Delimiter,
            Encoding.ASCII.GetBytes(_signer.Sign(parts)),
        };
        frames.AddRange(parts);
        frames.AddRange(message.Buffers.Select(b => (ReadOnlyMemory<byte>)b));
        return frames;
    }

    /// <summary>
    /// Parses received frames: skips routing identities / iopub topics up to <c>&lt;IDS|MSG&gt;</c>, verifies the
    /// signature over the bytes as received, then parses the JSON parts.
    /// </summary>
    /// <exception cref="InvalidMessageSignatureException">the signature does not match the key.</exception>
    /// <exception cref="FormatException">the frames are not a Jupyter message.</exception>
    public JupyterMessage Parse(IReadOnlyList<byte[]> frames)
    {
        var start = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                start = i;
                break;
            }
        }

        if (start < 0 || frames.Count - start < 6)
        {
            throw new FormatException("Not a Jupyter message: no <IDS|MSG> delimiter followed by five frames.");
        }

        var parts = new ReadOnlyMemory<byte>[] { frames[start + 2], frames[start + 3], frames[start + 4], frames[start + 5] };
        if (!_signer.Verify(frames[start + 1], parts))
        {
            throw new InvalidMessageSignatureException("A message with an invalid HMAC signature was received and dropped.");
        }

        return new JupyterMessage(
            ParseObject(frames[start + 2]),
            ParseObject(frames[start + 3]),
            ParseObject(frames[start + 4]),
            ParseObject(frames[start + 5]),
            frames.Skip(start + 6).ToArray());
    }

    private static JsonObject ParseObject(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException("A Jupyter message part is not valid JSON.", e);
        }
    }
}
