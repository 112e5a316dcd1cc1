using Microsoft.Build.Framework;
using Notebook.Deployment.Settings;

namespace Notebook.Build.Tasks.Deployment;

/// <summary>Maps Notebook items and the Notebook* default properties to the library's inputs.</summary>
internal static class RunSettingsItems
{
    public static RawRunSettings FromItem(ITaskItem item) => new()
    {
        Cpu = item.GetMetadata("Cpu"),
        Memory = item.GetMetadata("Memory"),
        Gpu = item.GetMetadata("Gpu"),
        Schedule = item.GetMetadata("Schedule"),
        TimeZone = item.GetMetadata("TimeZone"),
        Timeout = item.GetMetadata("Timeout"),
        Retries = item.GetMetadata("Retries"),
        Concurrency = item.GetMetadata("Concurrency"),
        Parameters = item.GetMetadata("Parameters"),
    };

    /// <summary>The notebook as the image names it: Link, else the path relative to the project, '/'-separated.</summary>
    public static string NotebookPath(ITaskItem item, string projectDirectory)
    {
        var link = item.GetMetadata("Link");
        if (!string.IsNullOrWhiteSpace(link)) return link.Replace('\\', '/').TrimStart('/');
        var relative = Path.GetRelativePath(projectDirectory, item.GetMetadata("FullPath"));
        return (relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(relative) : relative).Replace('\\', '/');
    }

    public static IReadOnlyList<NotebookRunInput> Inputs(ITaskItem[] notebooks, string projectDirectory, string? defaultSweep) =>
        [.. notebooks.Select(n => new NotebookRunInput(
            NotebookPath(n, projectDirectory),
            FromItem(n),
            Sweep(n.GetMetadata("Sweep"), defaultSweep, projectDirectory)))];

    private static string? Sweep(string? own, string? fallback, string projectDirectory)
    {
        var path = string.IsNullOrWhiteSpace(own) ? fallback : own;
        return string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path.Trim(), projectDirectory);
    }
}
