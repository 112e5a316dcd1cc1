using System.Buffers.Binary;

namespace Notebook.Execution.Transport;

/// <summary>ZMTP 3.x framing (RFC 23 section "Framing"): flags byte, 1- or 8-byte size, body.</summary>
internal static class ZmtpFrame
{
    public const byte More = 0x01;
    public const byte Long = 0x02;
    public const byte Command = 0x04;

    /// <summary>Bytes needed to frame <paramref name="size"/> body bytes.</summary>
    public static int HeaderLength(int size) => size > 255 ? 9 : 2;

    public static int Write(Span<byte> destination, byte flags, ReadOnlySpan<byte> body)
    {
        int offset;
        if (body.Length > 255)
        {
            destination[0] = (byte)(flags | Long);
            BinaryPrimitives.WriteUInt64BigEndian(destination[1..], (ulong)body.Length);
            offset = 9;
        }
        else
        {
            destination[0] = flags;
            destination[1] = (byte)body.Length;
            offset = 2;
        }

        body.CopyTo(destination[offset..]);
        return offset + body.Length;
    }

    /// <summary>A command body: name length, name, data.</summary>
    public static byte[] CommandBody(string name, ReadOnlySpan<byte> data)
    {
        var body = new byte[1 + name.Length + data.Length];
        body[0] = (byte)name.Length;
        System.Text.Encoding.ASCII.GetBytes(name, body.AsSpan(1));
        data.CopyTo(body.AsSpan(1 + name.Length));
        return body;
    }

    public static string CommandName(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0 || body[0] > body.Length - 1)
        {
            throw new ZmtpException("Malformed ZMTP command frame.");
        }

        return System.Text.Encoding.ASCII.GetString(body.Slice(1, body[0]));
    }

    public static ReadOnlySpan<byte> CommandData(ReadOnlySpan<byte> body) => body[(1 + body[0])..];

    /// <summary>READY/metadata properties (RFC 23 "The READY Command"): name length byte, name, 4-byte big-endian value length, value.</summary>
    public static byte[] EncodeProperties(IEnumerable<KeyValuePair<string, byte[]>> properties)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var (name, value) in properties)
        {
            buffer.WriteByte((byte)name.Length);
            buffer.Write(System.Text.Encoding.ASCII.GetBytes(name));
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
            buffer.Write(length);
            buffer.Write(value);
        }

        return buffer.ToArray();
    }

    public static Dictionary<string, byte[]> DecodeProperties(ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        while (data.Length > 0)
        {
            int nameLength = data[0];
            if (data.Length < 1 + nameLength + 4)
            {
                throw new ZmtpException("Malformed ZMTP metadata in READY.");
            }

            var name = System.Text.Encoding.ASCII.GetString(data.Slice(1, nameLength));
            var valueLength = BinaryPrimitives.ReadUInt32BigEndian(data[(1 + nameLength)..]);
            var start = 1 + nameLength + 4;
            if (valueLength > (uint)(data.Length - start))
            {
                throw new ZmtpException("Malformed ZMTP metadata in READY.");
            }

            result[name] = data.Slice(start, (int)valueLength).ToArray();
            data = data[(start + (int)valueLength)..];
        }

        return result;
    }
}
