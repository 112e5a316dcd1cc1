using System.Formats.Tar;
using System.IO.Compression;

namespace Notebook.OsPackages;

/// <summary>
/// What packages are resolved against, read from the base image's layers without running it: the dpkg status,
/// /etc/os-release, and whether /lib, /bin, /sbin, /lib64 are symlinks into /usr (a merged-/usr system).
/// </summary>
public sealed record BaseSystem(string? DpkgStatus, IReadOnlyDictionary<string, string> OsRelease, bool MergedUsr)
{
    private static readonly string[] Wanted = ["var/lib/dpkg/status", "etc/os-release", "usr/lib/os-release", "lib", "bin", "sbin"];

    public string? Id => OsRelease.GetValueOrDefault("ID");

    public string? Codename => OsRelease.GetValueOrDefault("VERSION_CODENAME");

    public bool IsDebian => DpkgStatus is not null;

    /// <summary>Reads gzip (or plain) tar layers, lowest first; later layers win and OCI whiteouts delete.</summary>
    public static async Task<BaseSystem> ReadAsync(IEnumerable<Func<Stream>> layers, CancellationToken ct)
    {
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        var links = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var open in layers)
        {
            await using var raw = open();
            await using var stream = await MaybeGunzipAsync(raw, ct).ConfigureAwait(false);
            await using var tar = new TarReader(stream);
            while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } e)
            {
                var name = e.Name.TrimStart('.', '/').TrimEnd('/');
                var slash = name.LastIndexOf('/');
                var leaf = slash < 0 ? name : name[(slash + 1)..];
                if (leaf.StartsWith(".wh.", StringComparison.Ordinal))
                {
                    var gone = (slash < 0 ? "" : name[..(slash + 1)]) + leaf[4..];
                    if (files.ContainsKey(gone)) files[gone] = null;
                    if (links.ContainsKey(gone)) links[gone] = null;
                    continue;
                }
                if (!Wanted.Contains(name)) continue;
                if (e.EntryType == TarEntryType.SymbolicLink) { links[name] = e.LinkName; files.Remove(name); continue; }
                links.Remove(name);
                if (e.DataStream is null) { files[name] = null; continue; }
                using var reader = new StreamReader(e.DataStream);
                files[name] = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            }
        }
        var osRelease = files.GetValueOrDefault("etc/os-release") ?? files.GetValueOrDefault("usr/lib/os-release");
        var merged = new[] { "lib", "bin", "sbin" }.All(d => links.GetValueOrDefault(d) is { } t && t.TrimStart('/').StartsWith("usr/", StringComparison.Ordinal));
        return new BaseSystem(files.GetValueOrDefault("var/lib/dpkg/status"), ParseOsRelease(osRelease ?? ""), merged);
    }

    public static IReadOnlyDictionary<string, string> ParseOsRelease(string text)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0 || line.TrimStart().StartsWith('#')) continue;
            d[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"', '\'');
        }
        return d;
    }

    private static async Task<Stream> MaybeGunzipAsync(Stream raw, CancellationToken ct)
    {
        var buffered = new BufferedStream(raw, 1 << 16);
        var head = new byte[2];
        var n = await buffered.ReadAsync(head, ct).ConfigureAwait(false);
        var prefix = new MemoryStream(head, 0, n);
        Stream joined = new ConcatStream(prefix, buffered);
        return n == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GZipStream(joined, CompressionMode.Decompress) : joined;
    }

    /// <summary>Reads two streams one after the other (the sniffed header, then the rest).</summary>
    private sealed class ConcatStream(Stream first, Stream second) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = first.Read(buffer, offset, count);
            return n > 0 ? n : second.Read(buffer, offset, count);
        }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await first.ReadAsync(buffer, ct).ConfigureAwait(false);
            return n > 0 ? n : await second.ReadAsync(buffer, ct).ConfigureAwait(false);
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) { first.Dispose(); second.Dispose(); } base.Dispose(disposing); }
    }
}
