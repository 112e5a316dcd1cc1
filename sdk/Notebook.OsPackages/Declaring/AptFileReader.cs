namespace Notebook.OsPackages;

/// <summary>
/// apt.txt as repo2docker reads it: one package name per line, '#' comments (whole-line or trailing), blank lines.
/// A line with anything else (a version, options, two names) is NB3100: versions belong in DebianPackage items.
/// </summary>
public static class AptFileReader
{
    public const string FileName = "apt.txt";

    public static IReadOnlyList<DebianPackageRequest> Parse(string text, string path)
    {
        var result = new List<DebianPackageRequest>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.Any(char.IsWhiteSpace))
                throw Messages.NB3100_AptLineSyntax.ExceptionAt(path, i + 1, 0, line, "one line holds one package name");
            if (!DebianPackageRequest.IsValidName(line))
                throw Messages.NB3100_AptLineSyntax.ExceptionAt(path, i + 1, 0, line,
                    "a name has lowercase letters, digits, '+', '-' and '.' (at least two characters)");
            result.Add(new DebianPackageRequest(line, null, path, i + 1));
        }
        return result;
    }
}
