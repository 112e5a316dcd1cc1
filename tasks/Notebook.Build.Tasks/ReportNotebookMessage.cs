using Microsoft.Build.Framework;
using Notebook.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Notebook.Build.Tasks;

/// <summary>
/// Reports an NBnnnn message from targets, so texts stay in the one message table instead of in
/// <c>&lt;Error Text="..."/&gt;</c> elements.
/// </summary>
public sealed class ReportNotebookMessage : Task
{
    [Required]
    public string Code { get; set; } = "";

    public string[] Arguments { get; set; } = [];

    public string? File { get; set; }

    public override bool Execute()
    {
        var log = new TaskLog(Log);
        var descriptor = Messages.All.FirstOrDefault(d => d.Code == Code);
        if (descriptor is null)
        {
            log.Report(Messages.NB6013_UnknownMessage.Create(Code));
            return false;
        }
        var args = Enumerable.Range(0, 8).Select(i => (object?)(i < Arguments.Length ? Arguments[i] : "")).ToArray();
        log.Report(descriptor.Create(File, 0, 0, args));
        return !Log.HasLoggedErrors;
    }
}
