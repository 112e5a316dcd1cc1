using System.Text.Json.Nodes;
using Notebook.Images.Tests.Support;

namespace Notebook.Images.Tests.Artifacts;

/// <summary>The three files a run leaves, with content unique to each run, in a temp folder.</summary>
public sealed class RunResults : IDisposable
{
    private readonly TempDirectory _dir = new("nbrun-results");

    public RunResults(string status = "ok", int exitCode = 0)
    {
        var id = Guid.NewGuid().ToString("N");
        Notebook = _dir.WriteFile("report.ipynb", $$"""{"cells":[],"metadata":{"run":"{{id}}"},"nbformat":4,"nbformat_minor":5}""");
        Report = _dir.WriteFile("report.html", $"<!doctype html><title>{id}</title><p>ünïcode ✓</p>");
        RunJson = _dir.WriteFile("run.json", new JsonObject { ["status"] = status, ["exit_code"] = exitCode, ["id"] = id }.ToJsonString());
    }

    public string Notebook { get; }

    public string Report { get; }

    public string RunJson { get; }

    public IReadOnlyList<string> Files => [Notebook, Report, RunJson];

    public void Dispose() => _dir.Dispose();
}
