using System.Text.Json.Nodes;

namespace Notebook.Execution.Messaging;

/// <summary>One Jupyter message (messaging protocol 5.x): the four JSON parts plus optional binary buffers.</summary>
public sealed record JupyterMessage(
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    public string MsgType => (string?)Header["msg_type"] ?? "";

    public string MsgId => (string?)Header["msg_id"] ?? "";

    /// <summary>The <c>msg_id</c> of the request this message answers, or null.</summary>
    public string? ParentMsgId => ParentHeader["msg_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    /// <summary>The header's <c>date</c> as sent (ISO 8601), or null.</summary>
    public string? Date => Header["date"] is JsonValue v && v.TryGetValue<string>(out var d) ? d : null;
}

/// <summary>A received message whose signature did not match: it is dropped, never acted on.</summary>
public sealed class InvalidMessageSignatureException(string message) : Exception(message);
