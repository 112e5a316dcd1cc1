using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// Writes notebooks byte for byte as Jupyter does: nbformat's
/// <c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c> plus a trailing newline, so that a
/// notebook read and written back without changes keeps its bytes (and its git diff stays empty).
/// </summary>
public static class NotebookWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The notebook as Jupyter-formatted JSON text, ending with a newline.</summary>
    public static string ToJson(NotebookDocument document) => ToJson(document.Root);

    /// <summary>Any JSON value in Jupyter's layout, ending with a newline.</summary>
    public static string ToJson(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteValue(sb, node, 0, sortKeys: true);
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Like <see cref="ToJson(JsonNode?)"/> but keeps object keys in their order (for schemas and reports).</summary>
    public static string ToJsonPreservingOrder(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteValue(sb, node, 0, sortKeys: false);
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Writes the notebook to <paramref name="path"/> atomically: a temp file in the same folder, flushed to disk,
    /// then renamed over the target, so a reader never sees a half-written notebook. Throws NB1006 on failure.
    /// </summary>
    public static async Task WriteAtomicAsync(NotebookDocument document, string path, CancellationToken cancellationToken = default, bool durable = true)
    {
        var bytes = Utf8NoBom.GetBytes(ToJson(document));
        try
        {
            await AtomicWrite.WriteAllBytesAsync(path, bytes, durable, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookSdkException(Messages.NB1006_WriteFailed.Create(path, 0, 0, path, e.Message), e);
        }
    }

    /// <summary>Synchronous <see cref="WriteAtomicAsync"/> for MSBuild tasks.</summary>
    public static void WriteAtomic(NotebookDocument document, string path)
    {
        var bytes = Utf8NoBom.GetBytes(ToJson(document));
        try
        {
            AtomicWrite.WriteAllBytes(path, bytes, durable: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookSdkException(Messages.NB1006_WriteFailed.Create(path, 0, 0, path, e.Message), e);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? node, int depth, bool sortKeys)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append('{');
                var first = true;
                // Python's sort_keys compares code points; ordinal UTF-16 order only differs for astral-vs-U+E000+ keys.
                foreach (var (key, value) in sortKeys ? obj.OrderBy(p => p.Key, StringComparer.Ordinal) : obj.AsEnumerable())
                {
                    sb.Append(first ? "\n" : ",\n");
                    first = false;
                    Indent(sb, depth + 1);
                    WriteString(sb, key);
                    sb.Append(": ");
                    WriteValue(sb, value, depth + 1, sortKeys);
                }
                sb.Append('\n');
                Indent(sb, depth);
                sb.Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n");
                    Indent(sb, depth + 1);
                    WriteValue(sb, array[i], depth + 1, sortKeys);
                }
                sb.Append('\n');
                Indent(sb, depth);
                sb.Append(']');
                break;
            case JsonValue value:
                WriteScalar(sb, value);
                break;
        }
    }

    private static void WriteScalar(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                sb.Append(JsonNumbers.ToJsonText(value));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void Indent(StringBuilder sb, int depth) => sb.Append(' ', depth);

    /// <summary>Python's json string encoding with ensure_ascii=False: only '"', '\\' and control characters are escaped.</summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
                    {
                        // A lone surrogate cannot be encoded as UTF-8; the \u escape keeps it (Python would fail here).
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                        if (char.IsHighSurrogate(c)) sb.Append(s[++i]);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
