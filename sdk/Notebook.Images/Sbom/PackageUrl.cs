using System.Text;

namespace Notebook.Images;

/// <summary>Package URLs (purl-spec) for what an SBOM lists: PyPI packages, OCI images, the SDK's NuGet package.</summary>
public static class PackageUrl
{
    /// <summary><c>pkg:pypi/NAME@VERSION</c>; the name lower case with '_' and '.' as '-' (the pypi type's rule).</summary>
    public static string PyPi(string name, string version) =>
        $"pkg:pypi/{Encode(name.ToLowerInvariant().Replace('_', '-').Replace('.', '-'))}@{Encode(version)}";

    /// <summary>
    /// <c>pkg:oci/NAME@sha256%3AHEX?repository_url=REGISTRY/REPOSITORY</c> (the oci type: the name is the last segment of
    /// the repository, the version the digest; a tag goes in <c>tag</c>).
    /// </summary>
    public static string Oci(string registry, string repository, string digest, string? tag = null)
    {
        var name = repository[(repository.LastIndexOf('/') + 1)..];
        var url = string.IsNullOrEmpty(registry) ? repository : $"{registry}/{repository}";
        var purl = $"pkg:oci/{Encode(name)}@{Encode(digest)}?repository_url={Encode(url, keepSlash: true)}";
        return tag is null ? purl : purl + "&tag=" + Encode(tag);
    }

    /// <summary><c>pkg:deb/debian/NAME@VERSION?arch=ARCH</c> (the deb type: the namespace is the distribution).</summary>
    public static string Deb(string distribution, string name, string version, string architecture) =>
        $"pkg:deb/{Encode(distribution)}/{Encode(name)}@{Encode(version)}?arch={Encode(architecture)}";

    /// <summary><c>pkg:nuget/ID@VERSION#SUBPATH</c>: a file inside a NuGet package.</summary>
    public static string NuGet(string id, string version, string? subpath = null) =>
        $"pkg:nuget/{Encode(id)}@{Encode(version)}" + (subpath is null ? "" : "#" + string.Join('/', subpath.Split('/').Select(s => Encode(s))));

    /// <summary>Percent-encodes everything but the purl-spec's unreserved characters (and '/' where asked).</summary>
    private static string Encode(string value, bool keepSlash = false)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || (keepSlash && c == '/')) text.Append(c);
            else text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
