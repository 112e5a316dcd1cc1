using System.Text.Json.Nodes;
using Notebook.Images.Tests.Support;

namespace Notebook.Images.Tests.Artifacts;

/// <summary>Reads what was pushed with the real tools, not with the client under test: skopeo and curl.</summary>
public static class RegistryReadBack
{
    /// <summary><c>skopeo inspect --raw</c> of a tag or digest.</summary>
    public static async Task<JsonObject> SkopeoRawAsync(string host, string repository, string reference, string? creds = null)
    {
        var args = new List<string> { "inspect", "--raw", "--tls-verify=false" };
        if (creds is not null) args.AddRange(["--creds", creds]);
        args.Add($"docker://{host}/{repository}{(reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":")}{reference}");
        var (code, stdout, stderr) = await Tools.RunAsync("skopeo", args);
        if (code != 0) throw new InvalidOperationException($"skopeo inspect --raw exited {code}: {stderr}");
        return (JsonObject)JsonNode.Parse(stdout)!;
    }

    /// <summary>The exact bytes of a manifest or index (curl), for digest checks.</summary>
    public static Task<byte[]> ManifestBytesAsync(string host, string repository, string reference, string? creds = null) =>
        CurlAsync($"http://{host}/v2/{repository}/manifests/{reference}", creds,
            "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json");

    public static Task<byte[]> BlobAsync(string host, string repository, string digest, string? creds = null) =>
        CurlAsync($"http://{host}/v2/{repository}/blobs/{digest}", creds, null);

    private static async Task<byte[]> CurlAsync(string url, string? creds, string? accept)
    {
        using var dir = new TempDirectory("nbcurl");
        var file = dir.Combine("body");
        var args = new List<string> { "-sSfL", "-o", file };
        if (creds is not null) args.AddRange(["-u", creds]);
        if (accept is not null) args.AddRange(["-H", "Accept: " + accept]);
        args.Add(url);
        var (code, _, stderr) = await Tools.RunAsync("curl", args);
        if (code != 0) throw new InvalidOperationException($"curl {url} exited {code}: {stderr}");
        return await File.ReadAllBytesAsync(file);
    }
}
