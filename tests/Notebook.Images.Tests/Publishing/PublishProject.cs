using Notebook.Images.Tests.Support;

namespace Notebook.Images.Tests.Publishing;

/// <summary>
/// A notebook project on disk as the build leaves it for a publish: a notebook with its parameter schema, a content
/// file, a runner file and a dependency folder; <see cref="Options"/> are the options the task would pass.
/// </summary>
public sealed class PublishProject : IDisposable
{
    private readonly TempDirectory _dir = new("nbpub");

    public PublishProject()
    {
        Notebook = _dir.WriteFile("project/report.ipynb", """{"cells":[],"metadata":{},"nbformat":4,"nbformat_minor":5}""");
        // Formatted with spaces on purpose: the label holds it canonical.
        Schema = _dir.WriteFile("project/obj/report.parameters.json", """{ "type": "object", "properties": { "top_n": { "type": "integer", "default": 10 } } }""");
        Content = _dir.WriteFile("project/data/regions.csv", "region\nnorth\n");
        Runner = _dir.WriteFile("sdk/nbrun", "#!/bin/sh\necho runner\n");
        _dir.WriteFile("deps/site-packages/six.py", "# six\n");
        Dependencies = _dir.Combine("deps", "site-packages");
    }

    public string Root => _dir.Path;

    public string ProjectDirectory => _dir.Combine("project");

    public string Notebook { get; }

    public string Schema { get; }

    public string Content { get; }

    public string Runner { get; }

    public string Dependencies { get; }

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public NotebookImageOptions Options => new()
    {
        ProjectDirectory = ProjectDirectory,
        Repository = "analytics/report",
        Version = "1.4.0",
        RunnerPath = Runner,
        RunnerPathInImage = "/usr/local/bin/nbrun",
        DependencyDirectory = Dependencies,
        DependencyPathInImage = "/opt/notebook-sdk/site-packages",
        WorkingDirectory = "/app",
        OutputDirectoryInImage = "output",
        Notebooks = [new ProjectFile(Notebook, SchemaPath: "obj/report.parameters.json")],
        ContentFiles = [new ProjectFile(Content)],
        User = "1000:1000",
        CacheDirectory = _dir.Combine("project", "obj", "image"),
        LayoutPath = _dir.Combine("layout"),
    };

    public void Dispose() => _dir.Dispose();
}
