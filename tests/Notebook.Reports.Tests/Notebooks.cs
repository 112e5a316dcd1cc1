using System.Text.Json.Nodes;
using Notebook.Documents;
using Notebook.Execution;

namespace Notebook.Reports.Tests;

/// <summary>Notebooks for the browser tests, built in memory; <see cref="ExecuteAsync"/> runs one on the real ipykernel.</summary>
internal static class Notebooks
{
    public static JsonObject Markdown(string source, JsonObject? attachments = null)
    {
        var cell = new JsonObject { ["cell_type"] = "markdown", ["id"] = NewId(), ["metadata"] = new JsonObject(), ["source"] = source };
        if (attachments is not null) cell["attachments"] = attachments;
        return cell;
    }

    public static JsonObject Code(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code", ["id"] = NewId(), ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]) },
        ["outputs"] = new JsonArray(), ["source"] = source,
    };

    public static NotebookDocument Document(params JsonObject[] cells) => new(new JsonObject
    {
        ["cells"] = new JsonArray([.. cells]),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" },
            ["language_info"] = new JsonObject { ["name"] = "python" },
        },
        ["nbformat"] = 4, ["nbformat_minor"] = 5,
    }, "/tmp/showcase.ipynb");

    /// <summary>Runs the cells on Debian's python3 kernel, up to the first that raises (as nbrun does).</summary>
    public static async Task<ExecutionResult> ExecuteAsync(NotebookDocument document)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await new NotebookExecutor().ExecuteAsync(document.Root, new ExecutionOptions
        {
            KernelName = "python3", WorkingDirectory = Path.GetTempPath(),
        }, timeout.Token);
    }

    /// <summary>A 2x2 red PNG.</summary>
    public static string Png { get; } =
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==";

    private static string NewId() => Guid.NewGuid().ToString("N")[..8];
}
