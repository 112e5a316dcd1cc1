using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// The new layers on top of the base, bottom to top, each changing only when its own input changes:
/// dependencies (only when a dependency folder is given), the planned layers (the .NET runtime and kernel of C#
/// notebooks, see <see cref="LayerPlan"/>), the runner, the content files (only when there are
/// some), the notebooks with their parameter schemas (ARCHITECTURE.md section 3). The first two come from the
/// platform's <see cref="PlatformSources"/>; content and notebooks are the same on every platform.
/// </summary>
public static class NotebookImageLayers
{
    public static IReadOnlyList<LayerSpec> Create(NotebookImageInputs inputs, PlatformSources sources, IDiagnosticLog log)
    {
        var layers = new List<LayerSpec>();
        if (!string.IsNullOrEmpty(sources.DependencyDirectory))
        {
            if (!Directory.Exists(sources.DependencyDirectory))
                throw Messages.NB4006_LayerSourceMissing.Exception(sources.DependencyDirectory, inputs.DependencyPathInImage, "dependencies");
            layers.Add(new LayerSpec("dependencies", LayerEntry.FromDirectory(sources.DependencyDirectory, inputs.DependencyPathInImage)));
        }

        layers.AddRange(inputs.PlannedLayers);

        if (File.Exists(sources.RunnerPath))
        {
            layers.Add(new LayerSpec("runner", [LayerEntry.FromFile(inputs.RunnerPathInImage, sources.RunnerPath, executable: true)]));
        }
        else
        {
            // The layer stays (empty) so the image keeps its shape; the warning says the image cannot run.
            log.Report(Messages.NB4050_RunnerMissing.Create(sources.RunnerPath));
            layers.Add(new LayerSpec("runner", []));
        }

        if (inputs.ContentFiles.Count > 0)
            layers.Add(new LayerSpec("content", inputs.ContentFiles.Select(f => LayerEntry.FromFile(InApp(inputs, f.RelativePath), f.SourcePath)).ToArray()));

        var app = new List<LayerEntry>
        {
            LayerEntry.Directory(inputs.WorkingDirectory),
            // Written by a numeric non-root user that has no home and owns nothing in the image.
            LayerEntry.WritableDirectory(inputs.OutputDirectoryInImage),
        };
        foreach (var notebook in inputs.Notebooks)
        {
            app.Add(LayerEntry.FromFile(InApp(inputs, notebook.RelativePath), notebook.SourcePath));
            if (notebook.SchemaPath is { } schema && File.Exists(schema))
                app.Add(LayerEntry.FromFile(InApp(inputs, SchemaPathFor(notebook.RelativePath)), schema));
        }
        layers.Add(new LayerSpec("notebooks", app));
        return layers;
    }

    /// <summary>report.ipynb -> report.parameters.json, next to the notebook.</summary>
    public static string SchemaPathFor(string notebookRelativePath)
    {
        var slash = notebookRelativePath.LastIndexOf('/');
        var dir = slash >= 0 ? notebookRelativePath[..(slash + 1)] : "";
        return dir + Path.GetFileNameWithoutExtension(notebookRelativePath) + ".parameters.json";
    }

    private static string InApp(NotebookImageInputs inputs, string relative) => inputs.WorkingDirectory.TrimEnd('/') + "/" + relative;
}
