using System.Formats.Tar;
using System.IO.Compression;

namespace Notebook.OsPackages;

/// <summary>
/// A throw-away folder with what the build machine's tools need to re-do two postinst effects: the base's shared
/// libraries and ld.so configuration plus every new file. <c>ldconfig -r</c> writes the ld.so cache from it, and
/// graphviz's own <c>dot -c</c> (started through the root's own dynamic loader, with GVBINDIR pointing inside the
/// root) writes the plugin config. Nothing of the image runs; the folder is deleted afterwards.
/// </summary>
public sealed class ScratchRoot : IDisposable
{
    private ScratchRoot(string path) => Path = path;

    public string Path { get; }

    private static bool Wanted(string p, TarEntryType type) =>
        p is "lib" or "lib64" or "bin" or "sbin" or "etc" or "usr" || p.StartsWith("etc/ld.so.conf", StringComparison.Ordinal)
        || ((p.StartsWith("usr/lib", StringComparison.Ordinal) || p.StartsWith("lib", StringComparison.Ordinal) || p.StartsWith("usr/local/lib", StringComparison.Ordinal))
            && (type is TarEntryType.Directory or TarEntryType.SymbolicLink || System.IO.Path.GetFileName(p).Contains(".so", StringComparison.Ordinal)));

    public static async Task<ScratchRoot> CreateAsync(IEnumerable<string> baseLayers, IEnumerable<RootEntry> added, CancellationToken ct)
    {
        var root = new ScratchRoot(Directory.CreateTempSubdirectory("nb-osroot-").FullName);
        try
        {
            foreach (var layer in baseLayers)
            {
                await using var file = File.OpenRead(layer);
                await using var gz = new GZipStream(file, CompressionMode.Decompress);
                await using var tar = new TarReader(gz);
                while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } e)
                {
                    var p = DebFile.Clean(e.Name);
                    if (p.Length == 0 || !Wanted(p, e.EntryType)) continue;
                    byte[]? content = null;
                    if (e.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && e.DataStream is not null)
                    {
                        using var ms = new MemoryStream();
                        await e.DataStream.CopyToAsync(ms, ct).ConfigureAwait(false);
                        content = ms.ToArray();
                    }
                    var type = e.EntryType == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : e.EntryType;
                    if (type is TarEntryType.Directory or TarEntryType.SymbolicLink or TarEntryType.RegularFile)
                        root.Write(new RootEntry(p, type, e.Mode, 0, 0, e.LinkName, content));
                }
            }
            foreach (var e in added) root.Write(e);
            // ldconfig -r writes ROOT/etc/ld.so.cache~ first.
            Directory.CreateDirectory(root.Resolve("etc"));
            return root;
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    private void Write(RootEntry e)
    {
        var target = System.IO.Path.Combine(Path, e.Path);
        switch (e.Type)
        {
            case TarEntryType.Directory:
                if (!Directory.Exists(target) && !File.Exists(target)) Directory.CreateDirectory(target);
                break;
            case TarEntryType.SymbolicLink:
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                if (File.Exists(target) || Directory.Exists(target) || new FileInfo(target).LinkTarget is not null) Delete(target);
                File.CreateSymbolicLink(target, e.LinkName);
                break;
            case TarEntryType.RegularFile:
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                if (new FileInfo(target).LinkTarget is not null) File.Delete(target);
                File.WriteAllBytes(target, e.Content ?? []);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, e.Mode & (UnixFileMode)0x1FF);
                break;
        }
    }

    private static void Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path)) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    /// <summary>A path inside the root with its symlinks followed inside the root (absolute targets re-rooted).</summary>
    public string Resolve(string relative)
    {
        var parts = new Queue<string>(relative.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = new List<string>();
        var hops = 0;
        while (parts.Count > 0)
        {
            var part = parts.Dequeue();
            if (part == "..") { if (current.Count > 0) current.RemoveAt(current.Count - 1); continue; }
            if (part == ".") continue;
            var candidate = System.IO.Path.Combine(Path, string.Join('/', current.Append(part)));
            var link = new FileInfo(candidate).LinkTarget;
            if (link is null) { current.Add(part); continue; }
            if (++hops > 40) throw new IOException($"too many symbolic links under {relative}");
            var rest = parts.ToArray();
            parts.Clear();
            if (link.StartsWith('/')) current.Clear();
            foreach (var p in link.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest)) parts.Enqueue(p);
        }
        return System.IO.Path.Combine(Path, string.Join('/', current));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
