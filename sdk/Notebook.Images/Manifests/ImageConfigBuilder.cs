using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Builds the image config (OCI image-spec config.md) from the base image's config: keeps the base's env,
/// labels and history, appends the new diff_ids and one history entry per new layer, applies
/// <see cref="ImageSettings"/>, and stamps every time with the one fixed timestamp.
/// </summary>
public static partial class ImageConfigBuilder
{
    public const string HistoryCreatedBy = "Notebook.Sdk: add layer ";

    /// <param name="platform">For an image from scratch, the platform its config names (linux/amd64 when null).</param>
    public static byte[] Build(byte[]? baseConfig, IReadOnlyList<Layer> newLayers, ImageSettings settings, Platform? platform = null)
    {
        var root = baseConfig is null
            ? ScratchConfig(platform ?? Platform.LinuxAmd64)
            : JsonNode.Parse(baseConfig) as JsonObject ?? throw new FormatException("The base image config is not a JSON object.");
        var created = SourceDateEpoch.ToRfc3339(settings.Created);
        root["created"] = created;

        var config = root["config"] as JsonObject ?? new JsonObject();
        root["config"] = config;
        if (settings.Entrypoint is { } entrypoint)
        {
            config["Entrypoint"] = ToArray(entrypoint);
            if (settings.Cmd is null) config.Remove("Cmd");
        }
        if (settings.Cmd is { } cmd) config["Cmd"] = ToArray(cmd);
        if (settings.WorkingDirectory is { } workdir) config["WorkingDir"] = workdir;
        if (settings.User is { } user) config["User"] = user;
        if (settings.Environment.Count > 0) config["Env"] = MergeEnvironment(config["Env"] as JsonArray, settings.Environment);
        if (settings.ExposedPorts.Count > 0)
        {
            var ports = config["ExposedPorts"] as JsonObject ?? new JsonObject();
            foreach (var port in settings.ExposedPorts) ports[port] = new JsonObject();
            config["ExposedPorts"] = ports;
        }
        if (settings.Labels.Count > 0)
        {
            var labels = config["Labels"] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in settings.Labels) labels[k] = v;
            config["Labels"] = labels;
        }

        var rootfs = root["rootfs"] as JsonObject ?? new JsonObject { ["type"] = "layers" };
        root["rootfs"] = rootfs;
        var diffIds = rootfs["diff_ids"] as JsonArray ?? new JsonArray();
        rootfs["diff_ids"] = diffIds;
        var history = root["history"] as JsonArray ?? new JsonArray();
        root["history"] = history;
        foreach (var layer in newLayers)
        {
            // JsonNode casts, not Add<T>: the generic overload is not trim-safe and nbrun (trimmed) links this library.
            diffIds.Add((JsonNode)layer.DiffId);
            history.Add((JsonNode)new JsonObject { ["created"] = created, ["created_by"] = HistoryCreatedBy + layer.Name });
        }
        return CanonicalJson.Serialize(root);
    }

    /// <summary>The diff_ids listed in a config's rootfs.</summary>
    public static IReadOnlyList<string> ReadDiffIds(byte[] config) =>
        (JsonNode.Parse(config)?["rootfs"]?["diff_ids"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray() ?? [];

    private static JsonObject ScratchConfig(Platform platform)
    {
        var root = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
        if (platform.Variant is not null) root["variant"] = platform.Variant;
        return root;
    }

    private static JsonArray MergeEnvironment(JsonArray? existing, IReadOnlyList<KeyValuePair<string, string>> additions)
    {
        var list = (existing ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
        foreach (var (name, value) in additions)
        {
            if (!EnvironmentName().IsMatch(name)) throw Messages.NB4008_InvalidEnvironmentVariable.Exception(name);
            var line = name + "=" + value;
            var index = list.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal) || e == name);
            if (index >= 0) list[index] = line;
            else list.Add(line);
        }
        return ToArray(list);
    }

    private static JsonArray ToArray(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
