using System.Text.Json.Nodes;

namespace Notebook.Execution.Tests;

/// <summary>Builds small nbformat 4 notebooks for the executor tests.</summary>
internal static class NotebookBuilder
{
    /// <summary>The first cell prints the kernel's pid (see <see cref="KernelPid"/>), then the given code cells.</summary>
    public static JsonObject WithPidCell(params JsonObject[] cells) =>
        Notebook([Code("import os; print(os.getpid(), end='')"), .. cells]);

    public static JsonObject Notebook(params JsonObject[] cells) => new()
    {
        ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    public static JsonObject Code(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    public static JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    };

    public static JsonObject Cell(this JsonObject notebook, int index) => (JsonObject)notebook["cells"]![index]!;

    public static JsonArray Outputs(this JsonObject notebook, int index) => (JsonArray)notebook.Cell(index)["outputs"]!;

    /// <summary>The pid printed by the cell of <see cref="WithPidCell"/>.</summary>
    public static int KernelPid(this JsonObject notebook) => int.Parse(notebook.Outputs(0)[0]!["text"]!.ToString());
}
