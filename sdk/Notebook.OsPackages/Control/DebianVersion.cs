namespace Notebook.OsPackages;

/// <summary>A Debian version, [epoch:]upstream[-revision], compared as dpkg does (Debian Policy 5.6.12).</summary>
public readonly record struct DebianVersion(int Epoch, string Upstream, string Revision) : IComparable<DebianVersion>
{
    public static bool TryParse(string text, out DebianVersion version)
    {
        version = default;
        text = text.Trim();
        if (text.Length == 0 || text.Any(char.IsWhiteSpace)) return false;
        var epoch = 0;
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out epoch)) return false;
            text = text[(colon + 1)..];
        }
        var dash = text.LastIndexOf('-');
        var upstream = dash >= 0 ? text[..dash] : text;
        var revision = dash >= 0 ? text[(dash + 1)..] : "";
        if (upstream.Length == 0 || !char.IsAsciiDigit(upstream[0])) return false;
        if (!upstream.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or '~' or ':')) return false;
        if (!revision.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '~')) return false;
        version = new DebianVersion(epoch, upstream, revision);
        return true;
    }

    public static DebianVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a Debian version");

    public int CompareTo(DebianVersion other)
    {
        if (Epoch != other.Epoch) return Epoch.CompareTo(other.Epoch);
        var c = ComparePart(Upstream, other.Upstream);
        return c != 0 ? c : ComparePart(Revision, other.Revision);
    }

    public static int Compare(string a, string b) => Parse(a).CompareTo(Parse(b));

    // dpkg's verrevcmp: alternate non-digit and digit runs; '~' sorts before everything, even the end.
    private static int ComparePart(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var firstDiff = 0;
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var ac = i < a.Length ? Order(a[i]) : 0;
                var bc = j < b.Length ? Order(b[j]) : 0;
                if (ac != bc) return ac - bc;
                i++; j++;
            }
            while (i < a.Length && a[i] == '0') i++;
            while (j < b.Length && b[j] == '0') j++;
            while (i < a.Length && char.IsAsciiDigit(a[i]) && j < b.Length && char.IsAsciiDigit(b[j]))
            {
                if (firstDiff == 0) firstDiff = a[i] - b[j];
                i++; j++;
            }
            if (i < a.Length && char.IsAsciiDigit(a[i])) return 1;
            if (j < b.Length && char.IsAsciiDigit(b[j])) return -1;
            if (firstDiff != 0) return firstDiff;
        }
        return 0;
    }

    private static int Order(char c) =>
        char.IsAsciiDigit(c) ? 0 : char.IsAsciiLetter(c) ? c : c == '~' ? -1 : c + 256;

    public override string ToString() =>
        (Epoch > 0 ? Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" : "") + Upstream + (Revision.Length > 0 ? "-" + Revision : "");

    public static bool operator <(DebianVersion a, DebianVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(DebianVersion a, DebianVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(DebianVersion a, DebianVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(DebianVersion a, DebianVersion b) => a.CompareTo(b) >= 0;
}
