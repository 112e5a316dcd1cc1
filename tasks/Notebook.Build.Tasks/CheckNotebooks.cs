using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Diagnostics;
using Notebook.Documents;
using Notebook.Documents.CSharp;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks;

/// <summary>
/// Reads and validates each notebook, refuses runtime installs, and writes its parameter schema
/// (item metadata <c>SchemaPath</c>). A notebook with errors gets no schema file.
/// </summary>
public sealed class CheckNotebooks : Task
{
    [Required]
    public ITaskItem[] Notebooks { get; set; } = [];

    [Output]
    public ITaskItem[] Schemas { get; private set; } = [];

    public override bool Execute() => Guarded.Run(Log, log =>
    {
        var schemas = new List<ITaskItem>();
        foreach (var item in Notebooks)
        {
            var path = item.GetMetadata("FullPath");
            var schemaPath = Path.GetFullPath(item.GetMetadata("SchemaPath"));
            var result = NotebookChecker.Check(path, DisplayPath(item), [CSharpParametersCellParser.Instance]);
            foreach (var d in result.Diagnostics) log.Report(d);
            if (result.Schema is null || result.HasErrors)
            {
                // No schema for a broken notebook: the next build checks it again.
                if (File.Exists(schemaPath)) File.Delete(schemaPath);
                continue;
            }
            if (!AtomicWrite.WriteIfChanged(schemaPath, result.SchemaBytes))
                File.SetLastWriteTimeUtc(schemaPath, DateTime.UtcNow); // content unchanged: mark it up to date for Inputs/Outputs.
            var output = new TaskItem(schemaPath);
            output.SetMetadata("Notebook", item.ItemSpec);
            schemas.Add(output);
        }
        Schemas = [.. schemas];
    });

    // Messages name the file as the user wrote it in the project, relative to the project folder.
    private static string DisplayPath(ITaskItem item) => item.GetMetadata("FullPath");
}
