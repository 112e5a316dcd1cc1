using System.Diagnostics;
using System.Text.Json.Nodes;
using Notebook.Documents;

namespace Notebook.Runner.Tests.Support;

/// <summary>Builds small nbformat 4.5 notebooks and checks executed ones.</summary>
internal static class Notebooks
{
    public static JsonObject Code(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = "c" + Guid.NewGuid().ToString("N")[..8],
        ["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]) },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    public static JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["id"] = "m" + Guid.NewGuid().ToString("N")[..8],
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    };

    /// <summary>Writes a notebook with these cells into <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder, string name, params JsonObject[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)c)]),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "Python 3", ["language"] = "python", ["name"] = "python3" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    public static NotebookDocument Read(string path) => NotebookReader.Read(path);

    /// <summary>The text a code cell printed on stdout.</summary>
    public static string StreamText(NotebookDocument document, int index) =>
        string.Concat(document.Cells.Single(c => c.Index == index).Outputs
            .Where(o => o["output_type"]?.GetValue<string>() == "stream" && o["name"]?.GetValue<string>() == "stdout")
            .Select(o => JsonText(o["text"])));

    public static int? ExecutionCount(NotebookDocument document, int index) => document.Cells.Single(c => c.Index == index).ExecutionCount;

    /// <summary>Validates with the real nbformat package; returns its complaint, or null when valid.</summary>
    public static async Task<string?> NbformatProblemAsync(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cancel.Token);
        var text = await stderr;
        if (text.Contains("No module named", StringComparison.Ordinal))
            throw new InvalidOperationException("The nbformat check needs python3-nbformat: apt-get install python3-nbformat. " + text);
        return process.ExitCode == 0 ? null : text;
    }

    private static string JsonText(JsonNode? node) => node switch
    {
        JsonArray parts => string.Concat(parts.Select(p => p?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };
}
