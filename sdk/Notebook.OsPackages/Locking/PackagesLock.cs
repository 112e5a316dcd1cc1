using System.Text;
using System.Text.Json;

namespace Notebook.OsPackages;

/// <summary>One locked .deb: where it is in the pool and the bytes it must have.</summary>
public sealed record LockedDebianPackage(string Name, string Version, string Architecture, long Size, string Sha256, string Filename)
{
    public static LockedDebianPackage From(PackageRecord r) => new(r.Name, r.Version, r.Architecture, r.Size, r.Sha256, r.Filename);
}

/// <summary>
/// packages.lock: JSON (as apko's and rules_distroless's locks are), its own file so that requirements.lock stays
/// what pip reads. Written byte for byte the same from the same inputs: fixed key order, packages sorted by name,
/// two-space indent, '\n' endings, no timestamps.
/// </summary>
public sealed record PackagesLock(
    string InputsDigest, string Distribution, string Suite, string Codename, string Architecture, string Mirror,
    IReadOnlyList<string> Components, string BaseImage, string BaseImageDigest,
    IReadOnlyList<string> Requests, IReadOnlyList<LockedDebianPackage> Packages)
{
    public const string FileName = "packages.lock";
    public const int FormatVersion = 1;

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("lockFileVersion", FormatVersion);
            w.WriteString("comment", "written by Notebook.Sdk (`dotnet restore`) from apt.txt and DebianPackage items; commit it, do not edit it");
            w.WriteString("inputsDigest", InputsDigest);
            w.WriteString("distribution", Distribution);
            w.WriteString("suite", Suite);
            w.WriteString("codename", Codename);
            w.WriteString("architecture", Architecture);
            w.WriteString("mirror", Mirror);
            w.WriteStartArray("components"); foreach (var c in Components) w.WriteStringValue(c); w.WriteEndArray();
            w.WriteString("baseImage", BaseImage);
            w.WriteString("baseImageDigest", BaseImageDigest);
            w.WriteStartArray("requests"); foreach (var r in Requests) w.WriteStringValue(r); w.WriteEndArray();
            w.WriteStartArray("packages");
            foreach (var p in Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("version", p.Version);
                w.WriteString("architecture", p.Architecture);
                w.WriteNumber("size", p.Size);
                w.WriteString("sha256", p.Sha256);
                w.WriteString("filename", p.Filename);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads a lock this SDK wrote; anything else is NB3133 naming <paramref name="path"/>.</summary>
    public static PackagesLock Parse(byte[] bytes, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var version = root.GetProperty("lockFileVersion").GetInt32();
            if (version != FormatVersion) throw new FormatException($"lockFileVersion {version} is not {FormatVersion}");
            string S(JsonElement e, string name) => e.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");
            string[] A(string name) => root.GetProperty(name).EnumerateArray().Select(x => x.GetString() ?? "").ToArray();
            var packages = root.GetProperty("packages").EnumerateArray().Select(p => new LockedDebianPackage(
                S(p, "name"), S(p, "version"), S(p, "architecture"), p.GetProperty("size").GetInt64(), S(p, "sha256"), S(p, "filename"))).ToArray();
            foreach (var p in packages)
                if (p.Sha256.Length != 64 || !p.Sha256.All(char.IsAsciiHexDigitLower) || p.Filename.Contains("..", StringComparison.Ordinal) || p.Filename.StartsWith('/'))
                    throw new FormatException($"the entry of '{p.Name}' has no valid sha256 or pool filename");
            return new PackagesLock(S(root, "inputsDigest"), S(root, "distribution"), S(root, "suite"), S(root, "codename"), S(root, "architecture"),
                S(root, "mirror"), A("components"), S(root, "baseImage"), S(root, "baseImageDigest"), A("requests"), packages);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Messages.NB3133_PackagesLockUnreadable.ExceptionAt(path, 0, 0, path, e.Message);
        }
    }

    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>What the image's SBOM lists for the layer.</summary>
    public IReadOnlyList<Images.SbomDebianPackage> SbomPackages() =>
        Packages.Select(p => new Images.SbomDebianPackage(Distribution, p.Name, p.Version, p.Architecture, p.Sha256)).ToArray();
}
