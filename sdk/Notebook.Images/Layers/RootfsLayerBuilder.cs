using System.Formats.Tar;

namespace Notebook.Images;

/// <summary>
/// Builds one layer from a whole root filesystem (a base image made on this machine, e.g. by debootstrap).
/// <see cref="LayerBuilder"/>'s rules suit the SDK's own layers (files and directories, fixed modes, owner 0)
/// but cannot hold a system: this keeps symlinks, device nodes, every mode bit (setuid, sticky) and owner
/// ids as they are on disk. Hard-linked files are written as separate regular files (same bytes, more space). It stays reproducible: entries in ordinal path order, one mtime,
/// empty user/group names, USTAR headers (GNU long names only where USTAR cannot hold a path), no time records.
/// The contents of dev/, proc/ and sys/ are left out (the engine mounts them; device nodes may not be
/// creatable where the layer is unpacked); the folders themselves stay.
/// </summary>
public static class RootfsLayerBuilder
{
    private static readonly string[] s_mountedByEngine = ["dev", "proc", "sys"];

    /// <summary>Writes the layer to <c>outputDirectory/sha256-hex.tar.gz</c>.</summary>
    public static async Task<Layer> BuildAsync(string rootDirectory, string name, string outputDirectory,
        DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(rootDirectory);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The root filesystem '{root}' does not exist.");
        var mtime = timestamp ?? SourceDateEpoch.Default;
        Directory.CreateDirectory(outputDirectory);
        var raw = Path.Combine(outputDirectory, $".{Guid.NewGuid():N}.raw.tar");
        var temp = Path.Combine(outputDirectory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            // Pass 1: the BCL reads what a path is (lstat: type, mode, uid/gid, link target, device numbers)
            // into a scratch tar; there is no other BCL way to read owner ids.
            await using (var scratch = new FileStream(raw, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await using (var writer = new TarWriter(scratch, TarEntryFormat.Gnu, leaveOpen: true))
            {
                foreach (var relative in ListEntries(root))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteEntryAsync(Path.Combine(root, relative), relative, cancellationToken).ConfigureAwait(false);
                }
            }

            // Pass 2: rewrite each entry with the reproducible header fields.
            string digest, diffId;
            long size;
            await using (var input = new FileStream(raw, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                (digest, diffId, size) = await NormalizeAsync(input, output, mtime, cancellationToken).ConfigureAwait(false);
            var final = Path.Combine(outputDirectory, Digests.Hex(digest) + ".tar.gz");
            File.Move(temp, final, overwrite: true);
            return new Layer(name, Blob.FromFile(new Descriptor(MediaTypes.OciLayerGzip, digest, size), final), diffId);
        }
        finally
        {
            if (File.Exists(raw)) File.Delete(raw);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes a layer from a tar whose entries are already in the order wanted (ordinal by path, parents first), with
    /// the same reproducible header rules: for layers composed in memory (the OS-packages layer) rather than on disk.
    /// </summary>
    public static async Task<Layer> BuildFromTarAsync(Stream orderedTar, string name, string outputDirectory,
        DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var temp = Path.Combine(outputDirectory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            string digest, diffId;
            long size;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                (digest, diffId, size) = await NormalizeAsync(orderedTar, output, timestamp ?? SourceDateEpoch.Default, cancellationToken).ConfigureAwait(false);
            var final = Path.Combine(outputDirectory, Digests.Hex(digest) + ".tar.gz");
            File.Move(temp, final, overwrite: true);
            return new Layer(name, Blob.FromFile(new Descriptor(MediaTypes.OciLayerGzip, digest, size), final), diffId);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Every path under the root, relative with '/', sorted ordinally; symlinked folders are not followed.</summary>
    internal static IReadOnlyList<string> ListEntries(string root)
    {
        var list = new List<string>();
        var pending = new Stack<(DirectoryInfo Directory, string Relative)>();
        pending.Push((new DirectoryInfo(root), ""));
        while (pending.Count > 0)
        {
            var (directory, relative) = pending.Pop();
            if (s_mountedByEngine.Contains(relative, StringComparer.Ordinal)) continue;
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                var path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
                list.Add(path);
                if (info is DirectoryInfo child && info.LinkTarget is null) pending.Push((child, path));
            }
        }
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static async Task<(string Digest, string DiffId, long Size)> NormalizeAsync(Stream input, Stream output,
        DateTimeOffset mtime, CancellationToken cancellationToken)
    {
        var compressedHash = new HashingWriteStream(output);
        var gzip = new ReproducibleGzipStream(compressedHash);
        var tarHash = new HashingWriteStream(gzip);
        await using (var reader = new TarReader(input, leaveOpen: true))
        await using (var writer = new TarWriter(tarHash, TarEntryFormat.Ustar, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } source)
            {
                var entry = Normalize(source, mtime);
                await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
        await gzip.FinishAsync(cancellationToken).ConfigureAwait(false);
        return (compressedHash.GetDigest(), tarHash.GetDigest(), compressedHash.BytesWritten);
    }

    private static PosixTarEntry Normalize(TarEntry source, DateTimeOffset mtime)
    {
        var name = source.EntryType == TarEntryType.Directory ? source.Name.TrimEnd('/') + "/" : source.Name;
        var fits = LayerBuilder.UstarPathFits(name) && System.Text.Encoding.UTF8.GetByteCount(source.LinkName) <= 100;
        PosixTarEntry entry = fits ? new UstarTarEntry(source.EntryType, name) : new GnuTarEntry(source.EntryType, name);
        entry.Mode = source.Mode;
        entry.Uid = source.Uid;
        entry.Gid = source.Gid;
        entry.UserName = "";
        entry.GroupName = "";
        entry.ModificationTime = mtime;
        if (source.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink) entry.LinkName = source.LinkName;
        if (source is PosixTarEntry { EntryType: TarEntryType.CharacterDevice or TarEntryType.BlockDevice } device)
        {
            entry.DeviceMajor = device.DeviceMajor;
            entry.DeviceMinor = device.DeviceMinor;
        }
        if (source.EntryType == TarEntryType.RegularFile) entry.DataStream = source.DataStream;
        return entry;
    }
}
