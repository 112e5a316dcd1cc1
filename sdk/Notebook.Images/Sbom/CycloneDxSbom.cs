using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// The image's SBOM as CycloneDX 1.5 JSON (docs/images.md, "SBOM"): the image as <c>metadata.component</c>, then the
/// base image by digest, every locked Python package (name, version, sha256 hashes, <c>pkg:pypi</c> purl), the runner
/// (the SDK version, a <c>pkg:nuget</c> purl, its hash) and each notebook (its hash), and one dependency entry that ties
/// them to the image. Nothing in it comes from the clock: the timestamp is the image's created time
/// (SOURCE_DATE_EPOCH), the serial number a name-based UUID of the image digest, so the same inputs give the same bytes.
/// </summary>
public static class CycloneDxSbom
{
    public const string MediaType = "application/vnd.cyclonedx+json";
    public const string SpecVersion = "1.5";
    public const string FileName = "sbom.cdx.json";

    /// <summary>The SBOM of a one-platform image (the first platform's of an index).</summary>
    public static byte[] Create(PublishedImage published, SbomOptions options) =>
        Create(published, published.Image, PlatformSources.All(published.Inputs)[0], options);

    /// <summary>
    /// The SBOM of one platform's image: its manifest, its base, the packages of its own lock (<see cref="PlatformSources.Packages"/>,
    /// else the options'), its runner, and the notebooks every platform shares.
    /// </summary>
    public static byte[] Create(PublishedImage published, AssembledImage image, PlatformSources sources, SbomOptions options)
    {
        var inputs = published.Inputs;
        var imageRef = PackageUrl.Oci(inputs.Registry ?? "", inputs.Repository, image.ManifestDigest);
        var components = new JsonArray();
        var refs = new List<string>();
        void Add(JsonObject component)
        {
            refs.Add(component["bom-ref"]!.GetValue<string>());
            components.Add((JsonNode)component);
        }

        if (image.Base is { } baseImage)
        {
            var reference = baseImage.Reference;
            Add(Component("container", PackageUrl.Oci(reference.Registry, reference.Repository, baseImage.Digest, reference.Tag),
                $"{reference.Registry}/{reference.Repository}", baseImage.Digest, baseImage.Digest, "base image"));
        }
        foreach (var package in (sources.Packages ?? options.Packages).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal))
        {
            var purl = PackageUrl.PyPi(package.Name, package.Version);
            Add(Component("library", purl, package.Name, package.Version, null, null, package.Sha256.Order(StringComparer.Ordinal)));
        }
        foreach (var deb in options.DebianPackages.OrderBy(p => p.Name, StringComparer.Ordinal))
            Add(Component("library", PackageUrl.Deb(deb.Distribution, deb.Name, deb.Version, deb.Architecture), deb.Name, deb.Version, null,
                "Debian package in the os-packages layer", [deb.Sha256]));
        // The NuGet packages whose files the planned layers hold (C# notebooks: the runtime, the kernel, the locked packages).
        foreach (var package in inputs.PlannedLayers.SelectMany(l => l.NuGetPackages).DistinctBy(p => (p.Id.ToLowerInvariant(), p.Version)).OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version, StringComparer.Ordinal))
        {
            var component = Component("library", PackageUrl.NuGet(package.Id, package.Version), package.Id, package.Version, null, package.Description);
            if (package.Sha512Base64.Length > 0)
            {
                component.Remove("purl");
                component["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-512", ["content"] = Convert.ToHexStringLower(Convert.FromBase64String(package.Sha512Base64)) });
                component["purl"] = PackageUrl.NuGet(package.Id, package.Version);
            }
            Add(component);
        }
        var runnerPurl = PackageUrl.NuGet("Notebook.Sdk", options.SdkVersion, "tools/" + RidOf(image) + "/nbrun");
        Add(Component("application", runnerPurl, "nbrun", options.SdkVersion, null, "the notebook runner, the image's entrypoint, at " + inputs.RunnerPathInImage,
            FileHash(sources.RunnerPath)));
        foreach (var notebook in inputs.Notebooks.OrderBy(n => n.RelativePath, StringComparer.Ordinal))
        {
            var component = Component("file", "notebook:" + notebook.RelativePath, notebook.RelativePath, null, null,
                "notebook at " + inputs.WorkingDirectory + "/" + notebook.RelativePath, FileHash(notebook.SourcePath));
            component.Remove("purl");
            Add(component);
        }

        var metadataComponent = Component("container", imageRef, inputs.ImageName, inputs.Version ?? image.ManifestDigest, image.ManifestDigest, null);
        var bom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = SpecVersion,
            ["serialNumber"] = "urn:uuid:" + NameBasedUuid(imageRef),
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = SourceDateEpoch.ToRfc3339(inputs.Created),
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "application",
                        ["name"] = "Notebook.Sdk",
                        ["version"] = options.SdkVersion,
                        ["purl"] = PackageUrl.NuGet("Notebook.Sdk", options.SdkVersion),
                    }),
                },
                ["component"] = metadataComponent,
            },
            ["components"] = components,
            ["dependencies"] = new JsonArray(new JsonObject
            {
                ["ref"] = imageRef,
                ["dependsOn"] = new JsonArray(refs.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            }),
        };
        var text = bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        return Encoding.UTF8.GetBytes(text);
    }

    private static JsonObject Component(string type, string purl, string name, string? version, string? digest, string? description,
        IEnumerable<string>? sha256 = null)
    {
        var component = new JsonObject { ["type"] = type, ["bom-ref"] = purl, ["name"] = name };
        if (version is not null) component["version"] = version;
        if (description is not null) component["description"] = description;
        var hashes = (sha256 ?? []).Concat(digest is null ? [] : [Digests.Hex(digest)]).ToArray();
        if (hashes.Length > 0)
            component["hashes"] = new JsonArray(hashes.Select(h => (JsonNode?)new JsonObject { ["alg"] = "SHA-256", ["content"] = h }).ToArray());
        component["purl"] = purl;
        return component;
    }

    private static string[] FileHash(string path) =>
        File.Exists(path) ? [Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))] : [];

    /// <summary>The runtime identifier of the image's platform, as the SDK package names its runner folders.</summary>
    private static string RidOf(AssembledImage image) =>
        JsonNode.Parse(image.Image.Config.Bytes!)?["architecture"]?.GetValue<string>() switch
        {
            "arm64" => "linux-arm64",
            _ => "linux-x64",
        };

    /// <summary>A version-5 (SHA-1, URL namespace) UUID of <paramref name="name"/> (RFC 9562 section 5.5).</summary>
    private static string NameBasedUuid(string name)
    {
        byte[] urlNamespace = [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
#pragma warning disable CA5350 // SHA-1 is what a version-5 UUID is defined with; it names, it does not protect.
        var hash = SHA1.HashData([.. urlNamespace, .. Encoding.UTF8.GetBytes(name)]);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
