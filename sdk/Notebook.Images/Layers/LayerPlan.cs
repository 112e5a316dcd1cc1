using Notebook.Diagnostics;

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Images;

/// <summary>
/// A layer described in a file, for a layer another step prepares and the publish assembles: its name and entries
/// (path in the image, then a source file, inline text, or nothing for a directory; and the executable bit), and the
/// NuGet packages its files come from, for the SBOM. Files
/// stay where they are (the NuGet packages folder, obj/); only the plan is written. JSON:
/// <c>{"name": "...", "entries": [{"path": "/usr/...", "source": "/root/...", "executable": true}, {"path": "/opt/x", "text": "..."}, {"path": "/opt/d"}]}</c>.
/// </summary>
public static class LayerPlan
{
    public static void Write(string path, string name, IEnumerable<LayerEntry> entries, IEnumerable<SbomNuGetPackage>? packages = null)
    {
        var list = new JsonArray();
        foreach (var entry in entries.OrderBy(e => e.PathInImage, StringComparer.Ordinal))
        {
            var item = new JsonObject { ["path"] = entry.PathInImage };
            if (entry.SourceFile is { } source) item["source"] = source;
            else if (entry.Content is { } content) item["text"] = System.Text.Encoding.UTF8.GetString(content);
            if (entry.Executable) item["executable"] = true;
            list.Add((JsonNode)item);
        }
        var listed = new JsonArray();
        foreach (var p in packages ?? [])
            listed.Add((JsonNode)new JsonObject { ["id"] = p.Id, ["version"] = p.Version, ["sha512"] = p.Sha512Base64, ["description"] = p.Description });
        var json = new JsonObject { ["name"] = name, ["packages"] = listed, ["entries"] = list }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, json + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The layer of the plan at <paramref name="path"/>; NB4183 when the plan or one of its source files is missing or unreadable.</summary>
    public static LayerSpec Read(string path)
    {
        if (!File.Exists(path)) throw Messages.NB4183_LayerPlanInvalid.Exception(path, "the file does not exist");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("it is not a JSON object");
            var name = (string?)root["name"] ?? throw new FormatException("it has no 'name'");
            var entries = new List<LayerEntry>();
            foreach (var node in root["entries"] as JsonArray ?? throw new FormatException("it has no 'entries' list"))
            {
                var item = node as JsonObject ?? throw new FormatException("an entry is not an object");
                var target = (string?)item["path"] ?? throw new FormatException("an entry has no 'path'");
                var executable = (bool?)item["executable"] ?? false;
                if ((string?)item["source"] is { } source)
                {
                    if (!File.Exists(source)) throw new FormatException($"'{source}' (for {target}) does not exist");
                    entries.Add(LayerEntry.FromFile(target, source, executable));
                }
                else if ((string?)item["text"] is { } text) entries.Add(LayerEntry.FromText(target, text, executable));
                else entries.Add(LayerEntry.Directory(target));
            }
            var packages = (root["packages"] as JsonArray ?? []).Select(n => n as JsonObject ?? throw new FormatException("a package is not an object"))
                .Select(p => new SbomNuGetPackage((string?)p["id"] ?? "", (string?)p["version"] ?? "", (string?)p["sha512"] ?? "", (string?)p["description"] ?? ""))
                .ToArray();
            return new LayerSpec(name, entries) { NuGetPackages = packages };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Messages.NB4183_LayerPlanInvalid.Exception(path, e.Message);
        }
    }
}
