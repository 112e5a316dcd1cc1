namespace Notebook.OsPackages;

/// <summary>
/// One deb822 paragraph (Debian Policy 5.1): fields in file order, names case-insensitive, continuation lines
/// (leading space or tab) kept with their newline, as dpkg writes them back.
/// </summary>
public sealed class ControlParagraph
{
    private readonly List<KeyValuePair<string, string>> _fields;

    public ControlParagraph(IEnumerable<KeyValuePair<string, string>> fields) => _fields = fields.ToList();

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public string? this[string name] =>
        _fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Require(string name, string where) =>
        this[name] ?? throw new FormatException($"{where}: a paragraph has no {name} field");

    /// <summary>The paragraph with <paramref name="name"/> set (replaced in place, or added after <paramref name="after"/>).</summary>
    public ControlParagraph With(string name, string value, string? after = null)
    {
        var fields = _fields.ToList();
        var i = fields.FindIndex(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase));
        if (i >= 0) { fields[i] = new(fields[i].Key, value); return new ControlParagraph(fields); }
        var j = after is null ? -1 : fields.FindIndex(f => string.Equals(f.Key, after, StringComparison.OrdinalIgnoreCase));
        fields.Insert(j < 0 ? fields.Count : j + 1, new(name, value));
        return new ControlParagraph(fields);
    }

    public ControlParagraph Without(params string[] names) =>
        new(_fields.Where(f => !names.Contains(f.Key, StringComparer.OrdinalIgnoreCase)));

    /// <summary>The paragraph as dpkg writes it: "Name: value\n" per field, no blank line.</summary>
    public string ToText()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (k, v) in _fields)
        {
            sb.Append(k).Append(':');
            if (v.Length > 0 && v[0] != '\n') sb.Append(' ');
            sb.Append(v).Append('\n');
        }
        return sb.ToString();
    }
}
