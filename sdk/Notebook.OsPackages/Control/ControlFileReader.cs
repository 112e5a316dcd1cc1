namespace Notebook.OsPackages;

/// <summary>Reads deb822 text (Packages indexes, dpkg's status, Release files, .deb control files) paragraph by paragraph.</summary>
public static class ControlFileReader
{
    public static IEnumerable<ControlParagraph> Read(TextReader reader)
    {
        var fields = new List<KeyValuePair<string, string>>();
        string? name = null;
        var value = new System.Text.StringBuilder();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line.Trim().Length == 0)
            {
                Flush();
                if (fields.Count > 0) { yield return new ControlParagraph(fields); fields = []; }
                continue;
            }
            if (line[0] == '#') continue;
            if (line[0] is ' ' or '\t')
            {
                if (name is null) throw new FormatException($"a continuation line comes before any field: '{line}'");
                value.Append('\n').Append(line);
                continue;
            }
            Flush();
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"'{line}' is not 'Field: value'");
            name = line[..colon];
            value.Append(line.AsSpan(colon + 1).Trim());
        }
        Flush();
        if (fields.Count > 0) yield return new ControlParagraph(fields);

        void Flush()
        {
            if (name is not null) fields.Add(new(name, value.ToString()));
            name = null;
            value.Clear();
        }
    }

    public static IReadOnlyList<ControlParagraph> Parse(string text) => Read(new StringReader(text)).ToList();
}
