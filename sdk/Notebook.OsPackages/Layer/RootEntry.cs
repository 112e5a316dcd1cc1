using System.Formats.Tar;

namespace Notebook.OsPackages;

/// <summary>One entry of the OS-packages layer: a path (relative, no leading '/'), its type, mode, owner ids, link target and bytes.</summary>
public sealed record RootEntry(string Path, TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, string LinkName, byte[]? Content)
{
    public bool IsDirectory => Type == TarEntryType.Directory;

    public static RootEntry Directory(string path) => new(path, TarEntryType.Directory, (UnixFileMode)0x1ED, 0, 0, "", null);

    public static RootEntry File(string path, byte[] content, bool executable = false) =>
        new(path, TarEntryType.RegularFile, (UnixFileMode)(executable ? 0x1ED : 0x1A4), 0, 0, "", content);

    public static RootEntry Symlink(string path, string target) => new(path, TarEntryType.SymbolicLink, (UnixFileMode)0x1FF, 0, 0, target, null);
}
