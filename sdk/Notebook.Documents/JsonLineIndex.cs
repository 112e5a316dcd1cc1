using System.Text.Json;

namespace Notebook.Documents;

/// <summary>
/// Maps JSON paths (<c>cells[2].outputs[0].text</c>) to the 1-based line where the value starts, so that
/// messages about a parsed tree can point into the file. Built once per read with one Utf8JsonReader pass.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineIndex()
    {
    }

    public int LineOf(string path) => _lines.TryGetValue(path, out var line) ? line : 0;

    public static JsonLineIndex Build(ReadOnlySpan<byte> utf8)
    {
        var index = new JsonLineIndex();
        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') newlines.Add(i);
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = NotebookReader.MaxDepth });
        // One frame per open container: its path, and for arrays the next item index.
        var stack = new Stack<(string Path, bool IsArray, int Next)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.PropertyName)
            {
                pendingProperty = reader.GetString();
                continue;
            }
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            string path;
            if (stack.Count == 0)
            {
                path = "";
            }
            else
            {
                var top = stack.Pop();
                if (top.IsArray)
                {
                    path = $"{top.Path}[{top.Next}]";
                    stack.Push(top with { Next = top.Next + 1 });
                }
                else
                {
                    path = top.Path.Length == 0 ? pendingProperty! : $"{top.Path}.{pendingProperty}";
                    stack.Push(top);
                }
            }
            var line = LineAt(newlines, (int)reader.TokenStartIndex);
            index._lines.TryAdd(path, line);
            if (token == JsonTokenType.StartObject) stack.Push((path, false, 0));
            else if (token == JsonTokenType.StartArray) stack.Push((path, true, 0));
        }
        return index;
    }

    private static int LineAt(List<int> newlines, int offset)
    {
        var i = newlines.BinarySearch(offset);
        return (i < 0 ? ~i : i) + 1;
    }
}
