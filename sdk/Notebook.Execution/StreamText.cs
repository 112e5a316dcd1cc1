using System.Globalization;
using System.Text;

namespace Notebook.Execution;

/// <summary>
/// The text of one stream output while it grows: appends are linear (no string is rebuilt per message) and the
/// memory is bounded. Past <see cref="Limit"/> characters it keeps the first half and the last half and counts
/// what it left out between them; <see cref="ToString"/> puts a marker there saying how much.
/// </summary>
internal sealed class StreamText
{
    private readonly StringBuilder _head = new();
    // The tail is a queue of chunks so that dropping its oldest text costs no copy of the rest.
    private readonly Queue<string> _tail = new();
    private readonly int _headLimit;
    private readonly int _tailLimit;
    private int _tailLength;
    private int _tailSkip;

    public StreamText(string initial, int limit)
    {
        Limit = limit;
        _headLimit = limit / 2;
        _tailLimit = limit - _headLimit;
        Append(initial);
    }

    /// <summary>The most characters kept; the rest is counted in <see cref="Omitted"/>.</summary>
    public int Limit { get; }

    /// <summary>Characters left out of the middle.</summary>
    public long Omitted { get; private set; }

    public void Append(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (Omitted == 0 && _tailLength == 0 && _head.Length < _headLimit)
        {
            var room = _headLimit - _head.Length;
            if (text.Length <= room)
            {
                _head.Append(text);
                return;
            }

            _head.Append(text, 0, room);
            text = text[room..];
        }

        _tail.Enqueue(text);
        _tailLength += text.Length;
        while (_tailLength - _tailSkip > _tailLimit)
        {
            var oldest = _tail.Peek();
            var over = _tailLength - _tailSkip - _tailLimit;
            var left = oldest.Length - _tailSkip;
            if (over >= left)
            {
                _tail.Dequeue();
                _tailLength -= oldest.Length;
                Omitted += left;
                _tailSkip = 0;
            }
            else
            {
                _tailSkip += over;
                Omitted += over;
            }
        }
    }

    /// <summary>The text kept, with a marker line where text was left out.</summary>
    public override string ToString()
    {
        var result = new StringBuilder(_head.Length + _tailLength - _tailSkip + 160);
        result.Append(_head);
        if (Omitted > 0)
        {
            if (result.Length > 0 && result[^1] != '\n')
            {
                result.Append('\n');
            }

            result.Append(CultureInfo.InvariantCulture,
                $"[nbrun: {Omitted:N0} characters of this output were left out here; the output keeps its first and last {_headLimit:N0} characters. Raise the limit with --max-stream-output.]\n");
        }

        var first = true;
        foreach (var chunk in _tail)
        {
            if (first && _tailSkip > 0)
            {
                result.Append(chunk, _tailSkip, chunk.Length - _tailSkip);
            }
            else
            {
                result.Append(chunk);
            }

            first = false;
        }

        return result.ToString();
    }
}
