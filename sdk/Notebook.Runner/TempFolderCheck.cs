using Notebook.Diagnostics;

namespace Notebook.Runner;

/// <summary>
/// Before the kernel starts: the temporary folder (TMPDIR, else /tmp, as .NET's Path.GetTempPath reads it) must take
/// a file, since the kernel's connection file goes there and the image points HOME, IPYTHONDIR and
/// JUPYTER_RUNTIME_DIR under /tmp. A container started with <c>--read-only</c> and no writable /tmp fails here with
/// NB5260 (exit 2, nothing ran) instead of an unexpected error half-way through the kernel's start.
/// </summary>
public static class TempFolderCheck
{
    public const string Variable = "TMPDIR";

    public static void EnsureWritable(Func<string, string?> getEnvironmentVariable)
    {
        var tmpdir = getEnvironmentVariable(Variable);
        var folder = string.IsNullOrEmpty(tmpdir) ? "/tmp/" : tmpdir;
        var probe = Path.Combine(folder, $".nbrun-probe-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            stream.WriteByte(0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB5260_TempFolderNotWritable.Exception(folder.TrimEnd('/') is { Length: > 0 } f ? f : "/",
                string.IsNullOrEmpty(tmpdir) ? "TMPDIR is not set" : "TMPDIR is set to it", Reason(e));
        }
    }

    private static string Reason(Exception e) => e switch
    {
        DirectoryNotFoundException => "the folder does not exist",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
