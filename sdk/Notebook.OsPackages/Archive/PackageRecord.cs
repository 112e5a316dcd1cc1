namespace Notebook.OsPackages;

/// <summary>One binary package of a Packages index: what resolution and the lock need.</summary>
public sealed record PackageRecord(
    string Name, string Version, string Architecture, long Size, string Sha256, string Filename,
    IReadOnlyList<IReadOnlyList<Relation>> PreDepends, IReadOnlyList<IReadOnlyList<Relation>> Depends,
    IReadOnlyList<Relation> Provides, IReadOnlyList<Relation> Conflicts, IReadOnlyList<Relation> Breaks)
{
    public static PackageRecord FromParagraph(ControlParagraph p, string where) => new(
        p.Require("Package", where), p.Require("Version", where), p.Require("Architecture", where),
        long.Parse(p.Require("Size", where), System.Globalization.CultureInfo.InvariantCulture),
        p.Require("SHA256", where), p.Require("Filename", where),
        Relation.ParseGroups(p["Pre-Depends"]), Relation.ParseGroups(p["Depends"]),
        Flat(p["Provides"]), Flat(p["Conflicts"]), Flat(p["Breaks"]));

    internal static IReadOnlyList<Relation> Flat(string? field) => Relation.ParseGroups(field).SelectMany(g => g).ToArray();
}
