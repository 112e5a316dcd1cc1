using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Notebook.Execution.Messaging;

namespace Notebook.Execution.Kernels.Gateway;

/// <summary>
/// Jupyter messages on a Jupyter Server kernel websocket (the default protocol, no subprotocol asked for): a JSON text
/// frame holding the message dict plus <c>"channel"</c>, unsigned (the server signs towards the kernel). A message with
/// binary buffers comes as a binary frame instead (jupyter_server <c>serialize_binary_message</c>): a big-endian uint32
/// count n, n uint32 offsets, the JSON at the first offset, then the buffers.
/// </summary>
public static class GatewayMessageFormat
{
    /// <summary>The text frame for <paramref name="message"/> on <paramref name="channel"/> (shell, control, stdin).</summary>
    public static string Serialize(JupyterMessage message, string channel)
    {
        var json = new JsonObject
        {
            ["header"] = message.Header.DeepClone(),
            ["parent_header"] = message.ParentHeader.DeepClone(),
            ["metadata"] = message.Metadata.DeepClone(),
            ["content"] = message.Content.DeepClone(),
            ["buffers"] = new JsonArray(),
            ["channel"] = channel,
        };
        return json.ToJsonString();
    }

    /// <summary>Parses one received frame; <see cref="FormatException"/> when it is not a Jupyter message.</summary>
    public static (string Channel, JupyterMessage Message) Parse(ReadOnlySpan<byte> frame, bool binary)
    {
        IReadOnlyList<byte[]> buffers = [];
        var json = frame;
        if (binary)
        {
            (var start, var end, buffers) = SplitBinary(frame);
            json = frame[start..end];
        }

        JsonObject message;
        try
        {
            message = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A websocket frame is not a JSON object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException("A websocket frame is not valid JSON.", e);
        }

        var channel = message["channel"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : "";
        if (message["header"] is not JsonObject header || channel.Length == 0)
        {
            throw new FormatException("A websocket frame has no header or no channel.");
        }

        return (channel, new JupyterMessage(
            (JsonObject)header.DeepClone(),
            message["parent_header"] as JsonObject is { } parent ? (JsonObject)parent.DeepClone() : [],
            message["metadata"] as JsonObject is { } metadata ? (JsonObject)metadata.DeepClone() : [],
            message["content"] as JsonObject is { } content ? (JsonObject)content.DeepClone() : [],
            buffers));
    }

    private static (int Start, int End, IReadOnlyList<byte[]> Buffers) SplitBinary(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 8)
        {
            throw new FormatException("A binary websocket frame is too short.");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(frame);
        if (count == 0 || count > 1024 || frame.Length < 4 + 4 * (long)count)
        {
            throw new FormatException("A binary websocket frame has a bad part count.");
        }

        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(frame[(4 + 4 * i)..]);
            if (offset > frame.Length || (i > 0 && offset < offsets[i - 1]))
            {
                throw new FormatException("A binary websocket frame has a bad offset.");
            }

            offsets[i] = (int)offset;
        }

        offsets[count] = frame.Length;
        var buffers = new List<byte[]>();
        for (var i = 1; i < count; i++)
        {
            buffers.Add(frame[offsets[i]..offsets[i + 1]].ToArray());
        }

        return (offsets[0], offsets[1], buffers);
    }
}
