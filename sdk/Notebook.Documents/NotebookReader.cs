using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// Reads a notebook file into a <see cref="NotebookDocument"/>. Only JSON problems are reported here
/// (as <see cref="NotebookSdkException"/>: NB1001 with 1-based line and column, NB1002 empty, NB1003 not an object,
/// NB1004 unreadable, NB1005 duplicate key); nbformat rules are <see cref="NotebookValidator"/>'s job.
/// </summary>
public static class NotebookReader
{
    /// <summary>Deep enough for nested application/json outputs, bounded so a hostile file cannot blow the stack.</summary>
    internal const int MaxDepth = 256;

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static async Task<NotebookDocument> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB1004_ReadFailed.ExceptionAt(path, 0, 0, e.Message);
        }
        return Parse(text, path);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/> (synchronous, for MSBuild tasks).</summary>
    public static NotebookDocument Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB1004_ReadFailed.ExceptionAt(path, 0, 0, e.Message);
        }
        return Parse(text, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> is only used in messages.</summary>
    public static NotebookDocument Parse(string json, string? path = null)
    {
        if (json.Length > 0 && json[0] == '\uFEFF') json = json[1..];
        if (string.IsNullOrWhiteSpace(json)) throw Messages.NB1002_EmptyFile.ExceptionAt(path, 0, 0);

        var utf8 = Encoding.UTF8.GetBytes(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions
            {
                MaxDepth = MaxDepth,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = CharColumn(json, line, (int)(e.BytePositionInLine ?? 0)) + 1;
            var reason = e.Message;
            var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
            if (reason.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
                throw new NotebookSdkException(Messages.NB1005_DuplicateKey.Create(path, line, column, reason), e);
            throw new NotebookSdkException(Messages.NB1001_InvalidJson.Create(path, line, column, reason), e);
        }

        if (node is not JsonObject root)
            throw Messages.NB1003_NotAnObject.ExceptionAt(path, 1, 1, JsonHelpers.Describe(node));
        return new NotebookDocument(root, path, JsonLineIndex.Build(utf8));
    }

    /// <summary>Converts a UTF-8 byte offset within a line into a UTF-16 character offset (0-based).</summary>
    private static int CharColumn(string text, int line, int byteOffset)
    {
        var start = 0;
        for (var l = 1; l < line && start >= 0; l++)
        {
            start = text.IndexOf('\n', start);
            if (start >= 0) start++;
        }
        if (start < 0) return byteOffset;
        var end = text.IndexOf('\n', start);
        var lineText = end < 0 ? text[start..] : text[start..end];
        var bytes = Encoding.UTF8.GetBytes(lineText);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(byteOffset, bytes.Length));
    }
}
