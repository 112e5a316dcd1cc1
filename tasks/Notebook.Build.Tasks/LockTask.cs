using Microsoft.Build.Framework;

namespace Notebook.Build.Tasks;

/// <summary>What every restore/lock task shares: the project, its lock file, and cancellation (MSBuild's Ctrl+C).</summary>
public abstract class LockTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required]
    public string ProjectDirectory { get; set; } = "";

    [Required]
    public string ProjectFile { get; set; } = "";

    [Required]
    public string LockFile { get; set; } = "";

    protected CancellationToken CancellationToken => _cancel.Token;

    public void Cancel() => _cancel.Cancel();
}
