namespace Notebook.Images;

/// <summary>
/// One file or directory of a layer: its absolute path in the image and where its bytes come from
/// (a file on disk, or bytes in memory). Directories carry neither.
/// </summary>
public sealed record LayerEntry(string PathInImage, string? SourceFile, byte[]? Content, bool Executable)
{
    public bool IsDirectory => SourceFile is null && Content is null;

    /// <summary>A directory any user may write to, mode 1777 like /tmp (for a numeric non-root user's outputs).</summary>
    public bool WorldWritable { get; init; }

    public static LayerEntry FromFile(string pathInImage, string sourceFile, bool executable = false) =>
        new(pathInImage, sourceFile, null, executable);

    public static LayerEntry FromBytes(string pathInImage, byte[] content, bool executable = false) =>
        new(pathInImage, null, content, executable);

    public static LayerEntry FromText(string pathInImage, string text, bool executable = false) =>
        new(pathInImage, null, System.Text.Encoding.UTF8.GetBytes(text), executable);

    public static LayerEntry Directory(string pathInImage) => new(pathInImage, null, null, false);

    /// <summary>A directory with mode 1777 (sticky, world-writable), like /tmp.</summary>
    public static LayerEntry WritableDirectory(string pathInImage) => new(pathInImage, null, null, false) { WorldWritable = true };

    /// <summary>
    /// Every file under <paramref name="sourceDirectory"/>, placed under <paramref name="targetDirectory"/>.
    /// A file is executable when <paramref name="isExecutable"/> says so; by default when its owner-execute
    /// bit is set (what git checks out for +x files), never from group/other bits (those follow the umask).
    /// </summary>
    public static IReadOnlyList<LayerEntry> FromDirectory(string sourceDirectory, string targetDirectory, Func<string, bool>? isExecutable = null)
    {
        isExecutable ??= DefaultIsExecutable;
        var root = Path.GetFullPath(sourceDirectory);
        var entries = new List<LayerEntry> { Directory(targetDirectory) };
        foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            var target = targetDirectory.TrimEnd('/') + "/" + relative;
            entries.Add(System.IO.Directory.Exists(path) ? Directory(target) : FromFile(target, path, isExecutable(path)));
        }
        return entries;
    }

    private static bool DefaultIsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
