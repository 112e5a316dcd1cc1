using System.Text.Json;
using Notebook.Images.Tests.Support;

namespace Notebook.Publish.Tests;

/// <summary>What skopeo (an independent OCI implementation) reads from a published image.</summary>
public static class Skopeo
{
    public static async Task<JsonElement> InspectAsync(string transport, params string[] options) =>
        Parse(await Tools.RunCheckedAsync("skopeo", ["inspect", .. options, transport]));

    public static Task<JsonElement> ConfigAsync(string transport, params string[] options) =>
        InspectAsync(transport, ["--config", .. options]);

    public static Task<JsonElement> ManifestAsync(string transport, params string[] options) =>
        InspectAsync(transport, ["--raw", .. options]);

    public static async Task<IReadOnlyList<string>> TagsAsync(string repository, params string[] options)
    {
        var json = Parse(await Tools.RunCheckedAsync("skopeo", ["list-tags", "--tls-verify=false", .. options, repository]));
        return json.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()!).OrderBy(t => t, StringComparer.Ordinal).ToArray();
    }

    private static JsonElement Parse(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
