using System.Formats.Tar;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Builds a reproducible gzip'd tar layer (after jib's ReproducibleLayerBuilder): entries sorted by ordinal
/// path, every parent directory explicit, uid/gid 0 with empty names, modes 0755 for directories and
/// executables and 0644 for files, one fixed mtime, USTAR headers (GNU long names only for paths USTAR
/// cannot hold; never PAX time records).
/// The same entries give the same bytes whatever the file times, umask, enumeration order or time zone.
/// </summary>
public sealed class LayerBuilder(DateTimeOffset? timestamp = null)
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;
    private const UnixFileMode WritableDirectoryMode = UnixFileMode.StickyBit | (UnixFileMode)0b111_111_111;

    private const int MaxPathBytes = 4095;

    private readonly List<LayerEntry> _entries = [];

    /// <summary>The one mtime every entry gets; <see cref="SourceDateEpoch.Default"/> unless given.</summary>
    public DateTimeOffset Timestamp { get; } = timestamp ?? SourceDateEpoch.Default;

    public LayerBuilder Add(LayerEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public LayerBuilder AddRange(IEnumerable<LayerEntry> entries)
    {
        _entries.AddRange(entries);
        return this;
    }

    /// <summary>
    /// Writes the layer. With <paramref name="outputDirectory"/> the blob lands in
    /// <c>outputDirectory/sha256-hex.tar.gz</c>; without it the blob is kept in memory.
    /// With an output directory, a layer whose inputs are unchanged is not written again: a key over every
    /// entry (path, kind, mode; for a file its full path, size and modification time; for bytes their SHA-256)
    /// and the timestamp names an index record (<c>outputDirectory/index/KEY</c>) holding the blob's digest,
    /// diff_id and size, and the blob is reused when it is still there with that size (<see cref="Layer.Reused"/>).
    /// Like make and MSBuild, this trusts a file's size and modification time.
    /// </summary>
    public async Task<Layer> BuildAsync(string name, string? outputDirectory = null, CancellationToken cancellationToken = default)
    {
        var plan = Plan(name);
        if (outputDirectory is null)
        {
            using var memory = new MemoryStream();
            var (_, diffId, _) = await WriteAsync(plan, memory, cancellationToken).ConfigureAwait(false);
            return new Layer(name, Blob.FromBytes(MediaTypes.OciLayerGzip, memory.ToArray()), diffId);
        }

        Directory.CreateDirectory(outputDirectory);
        var indexPath = Path.Combine(outputDirectory, "index", InputsKey(plan));
        if (TryReuse(name, indexPath, outputDirectory) is { } reused)
        {
            return reused;
        }

        var temp = Path.Combine(outputDirectory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            string digest, diffId;
            long size;
            await using (var file = new FileStream(temp, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                (digest, diffId, size) = await WriteAsync(plan, file, cancellationToken).ConfigureAwait(false);
            var final = Path.Combine(outputDirectory, Digests.Hex(digest) + ".tar.gz");
            File.Move(temp, final, overwrite: true);
            WriteIndex(indexPath, digest, diffId, size);
            return new Layer(name, Blob.FromFile(new Descriptor(MediaTypes.OciLayerGzip, digest, size), final), diffId);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private const string IndexFormat = "notebook-sdk-layer-index-v1";

    private string InputsKey(SortedDictionary<string, LayerEntry> plan)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
        Add(IndexFormat);
        Add(Timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (path, entry) in plan)
        {
            Add(path);
            Add(entry.IsDirectory ? (entry.WorldWritable ? "d1777" : "d") : entry.Executable ? "x" : "f");
            if (entry.SourceFile is { } source)
            {
                var info = new FileInfo(source);
                Add(info.FullName);
                Add(info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Add(info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (entry.Content is { } content)
            {
                Add(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Layer? TryReuse(string name, string indexPath, string outputDirectory)
    {
        try
        {
            var lines = File.Exists(indexPath) ? File.ReadAllLines(indexPath) : [];
            if (lines.Length != 4 || lines[0] != IndexFormat || !long.TryParse(lines[3], System.Globalization.CultureInfo.InvariantCulture, out var size))
                return null;
            var (digest, diffId) = (lines[1], lines[2]);
            var blob = Path.Combine(outputDirectory, Digests.Hex(digest) + ".tar.gz");
            if (!File.Exists(blob) || new FileInfo(blob).Length != size)
                return null;
            return new Layer(name, Blob.FromFile(new Descriptor(MediaTypes.OciLayerGzip, digest, size), blob), diffId) { Reused = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            // An unreadable or foreign record only costs a rebuild.
            return null;
        }
    }

    private static void WriteIndex(string indexPath, string digest, string diffId, long size)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
            var lines = string.Join('\n', IndexFormat, digest, diffId, size.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "\n";
            AtomicWrite.WriteAllBytes(indexPath, System.Text.Encoding.UTF8.GetBytes(lines));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The layer is built; without its record the next publish builds it again.
        }
    }

    private SortedDictionary<string, LayerEntry> Plan(string layerName)
    {
        var plan = new SortedDictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            var path = NormalizePath(entry.PathInImage, layerName);
            if (entry is { IsDirectory: false, SourceFile: { } source } && !File.Exists(source))
                throw Messages.NB4006_LayerSourceMissing.Exception(source, entry.PathInImage, layerName);
            if (plan.TryGetValue(path, out var existing))
            {
                // The same directory named twice (or implied by a file) is one directory, not a clash.
                if (existing.IsDirectory && entry.IsDirectory)
                {
                    if (entry.WorldWritable) plan[path] = existing with { WorldWritable = true };
                    continue;
                }
                throw Messages.NB4004_DuplicateLayerPath.Exception("/" + path, layerName);
            }
            plan.Add(path, entry with { PathInImage = path });
        }

        foreach (var path in plan.Keys.ToArray())
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                var parent = path[..slash];
                if (plan.TryGetValue(parent, out var existing))
                {
                    if (!existing.IsDirectory) throw Messages.NB4004_DuplicateLayerPath.Exception("/" + parent, layerName);
                    break;
                }
                plan.Add(parent, LayerEntry.Directory(parent));
            }
        }
        return plan;
    }

    private async Task<(string Digest, string DiffId, long Size)> WriteAsync(
        SortedDictionary<string, LayerEntry> plan, Stream output, CancellationToken cancellationToken)
    {
        var compressedHash = new HashingWriteStream(output);
        var gzip = new ReproducibleGzipStream(compressedHash);
        var tarHash = new HashingWriteStream(gzip);
        await using (var tar = new TarWriter(tarHash, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, entry) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WriteEntryAsync(tar, path, entry, cancellationToken).ConfigureAwait(false);
            }
        }
        await gzip.FinishAsync(cancellationToken).ConfigureAwait(false);
        return (compressedHash.GetDigest(), tarHash.GetDigest(), compressedHash.BytesWritten);
    }

    private async Task WriteEntryAsync(TarWriter tar, string path, LayerEntry entry, CancellationToken cancellationToken)
    {
        var name = entry.IsDirectory ? path + "/" : path;
        var type = entry.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile;
        // USTAR whenever the name fits (100 bytes + 155 bytes prefix); else GNU, whose long-name record carries
        // only the path (no PAX records, atime/ctime left empty), so times stay fixed.
        PosixTarEntry tarEntry = UstarPathFits(name) ? new UstarTarEntry(type, name) : new GnuTarEntry(type, name);
        tarEntry.Mode = entry.IsDirectory ? entry.WorldWritable ? WritableDirectoryMode : DirectoryMode
            : entry.Executable ? ExecutableMode : FileMode;
        tarEntry.Uid = 0;
        tarEntry.Gid = 0;
        tarEntry.UserName = "";
        tarEntry.GroupName = "";
        tarEntry.ModificationTime = Timestamp;

        if (entry.Content is { } content)
        {
            tarEntry.DataStream = new MemoryStream(content, writable: false);
            await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        }
        else if (entry.SourceFile is { } source)
        {
            await using var stream = new FileStream(source, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            tarEntry.DataStream = stream;
            await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>'/app//x/' -> 'app/x'; rejects '.', '..', NUL and paths USTAR cannot hold.</summary>
    internal static string NormalizePath(string pathInImage, string layerName)
    {
        var segments = pathInImage.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) throw Messages.NB4005_InvalidLayerPath.Exception(pathInImage, layerName, "it names the root or nothing");
        foreach (var segment in segments)
        {
            if (segment is "." or "..") throw Messages.NB4005_InvalidLayerPath.Exception(pathInImage, layerName, "'.' and '..' segments are not allowed");
            if (segment.Contains('\0')) throw Messages.NB4005_InvalidLayerPath.Exception(pathInImage, layerName, "it contains a NUL character");
        }
        var path = string.Join('/', segments);
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
            throw Messages.NB4005_InvalidLayerPath.Exception(pathInImage, layerName, $"it is longer than {MaxPathBytes} bytes (Linux PATH_MAX)");
        return path;
    }

    /// <summary>A USTAR name splits at a '/' into prefix (at most 155 bytes) and name (at most 100 bytes).</summary>
    internal static bool UstarPathFits(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(path);
        if (bytes <= 100) return true;
        if (bytes > 256) return false;
        for (var i = path.IndexOf('/'); i >= 0 && i < path.Length - 1; i = path.IndexOf('/', i + 1))
        {
            var prefix = System.Text.Encoding.UTF8.GetByteCount(path.AsSpan(0, i));
            var name = bytes - prefix - 1;
            if (prefix <= 155 && name <= 100) return true;
        }
        return false;
    }
}
