using System.Text;

namespace Notebook.Execution.Kernels;

/// <summary>Keeps the last <c>capacity</c> characters written (the kernel's own stdout/stderr, for error messages).</summary>
internal sealed class BoundedTextBuffer(int capacity)
{
    private readonly StringBuilder _text = new();

    public void AppendLine(string line)
    {
        lock (_text)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > capacity)
            {
                _text.Remove(0, _text.Length - capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
