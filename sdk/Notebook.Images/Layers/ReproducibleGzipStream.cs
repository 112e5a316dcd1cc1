using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Notebook.Images;

/// <summary>
/// A write-only gzip stream whose header is fixed: MTIME 0, no FNAME, XFL 0, OS 255 "unknown"
/// (RFC 1952 section 2.3). .NET's GZipStream writes the OS byte of the platform it runs on, so the header is
/// written here and only the deflate body comes from <see cref="DeflateStream"/> at one fixed level.
/// The compressed bytes depend on the zlib in the .NET runtime; the tar's diff_id is the stable identity.
/// </summary>
internal sealed class ReproducibleGzipStream : Stream
{
    private static readonly byte[] s_header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

    private readonly Stream _inner;
    private readonly DeflateStream _deflate;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _headerWritten;
    private bool _finished;

    public ReproducibleGzipStream(Stream inner)
    {
        _inner = inner;
        _deflate = new DeflateStream(inner, CompressionLevel.Optimal, leaveOpen: true);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureHeader();
        _crc.Append(buffer);
        _length += buffer.Length;
        _deflate.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_headerWritten)
        {
            _headerWritten = true;
            await _inner.WriteAsync(s_header, cancellationToken).ConfigureAwait(false);
        }
        _crc.Append(buffer.Span);
        _length += buffer.Length;
        await _deflate.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Flushes the deflate body and writes CRC32 and ISIZE (both little-endian).</summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return;
        _finished = true;
        if (!_headerWritten)
        {
            _headerWritten = true;
            await _inner.WriteAsync(s_header, cancellationToken).ConfigureAwait(false);
        }
        await _deflate.DisposeAsync().ConfigureAwait(false);
        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)_length));
        await _inner.WriteAsync(trailer, cancellationToken).ConfigureAwait(false);
        await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void EnsureHeader()
    {
        if (_headerWritten) return;
        _headerWritten = true;
        _inner.Write(s_header);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished) _deflate.Dispose();
        base.Dispose(disposing);
    }
}
