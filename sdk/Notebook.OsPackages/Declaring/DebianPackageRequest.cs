namespace Notebook.OsPackages;

/// <summary>A package the project asks for: a name, an exact version or none (the suite's current one), and where it was asked.</summary>
public sealed record DebianPackageRequest(string Name, string? Version, string Source, int Line = 0)
{
    /// <summary>Debian Policy 5.6.1: lowercase letters, digits, '+', '-', '.', at least two characters, starting alphanumeric.</summary>
    public static bool IsValidName(string name) =>
        name.Length >= 2 && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.');

    public override string ToString() => Version is null ? Name : $"{Name}={Version}";
}
