using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Notebook.OsPackages;

/// <summary>
/// A .deb read without dpkg (deb(5)): an ar archive of debian-binary, control.tar.* and data.tar.*, compressed with
/// gzip, xz or nothing (what Debian's archive uses). The control members, the control paragraph and the data entries
/// (hard links become copies of their target, as the layer's sorted order cannot keep a link after its target).
/// </summary>
public sealed class DebFile
{
    private DebFile(ControlParagraph control, IReadOnlyDictionary<string, byte[]> controlMembers, IReadOnlyList<RootEntry> data)
    {
        Control = control;
        ControlMembers = controlMembers;
        Data = data;
    }

    public ControlParagraph Control { get; }

    /// <summary>control.tar's files by name (control, md5sums, conffiles, postinst, triggers, ...).</summary>
    public IReadOnlyDictionary<string, byte[]> ControlMembers { get; }

    /// <summary>data.tar's entries in archive order, paths without "./"; the root itself left out.</summary>
    public IReadOnlyList<RootEntry> Data { get; }

    public static DebFile Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    public static DebFile Read(Stream stream)
    {
        var magic = new byte[8];
        stream.ReadExactly(magic);
        if (Encoding.ASCII.GetString(magic) != "!<arch>\n") throw new InvalidDataException("it is not an ar archive");
        Dictionary<string, byte[]>? control = null;
        List<RootEntry>? data = null;
        var header = new byte[60];
        while (true)
        {
            var n = stream.ReadAtLeast(header, 60, throwOnEndOfStream: false);
            if (n == 0) break;
            if (n < 60) throw new InvalidDataException("an ar member header is cut short");
            var name = Encoding.ASCII.GetString(header, 0, 16).TrimEnd(' ').TrimEnd('/');
            var size = long.Parse(Encoding.ASCII.GetString(header, 48, 10).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var body = new byte[size];
            stream.ReadExactly(body);
            if (size % 2 == 1) stream.ReadByte();
            if (name.StartsWith("control.tar", StringComparison.Ordinal))
                control = ReadTar(Decompress(name, body)).Where(e => e.Type == TarEntryType.RegularFile).ToDictionary(e => e.Path, e => e.Content!, StringComparer.Ordinal);
            else if (name.StartsWith("data.tar", StringComparison.Ordinal))
                data = ReadTar(Decompress(name, body));
        }
        if (control is null || !control.TryGetValue("control", out var controlBytes)) throw new InvalidDataException("it has no control.tar with a control file");
        if (data is null) throw new InvalidDataException("it has no data.tar");
        var paragraph = ControlFileReader.Parse(Encoding.UTF8.GetString(controlBytes)).FirstOrDefault()
            ?? throw new InvalidDataException("its control file is empty");
        return new DebFile(paragraph, control, data);
    }

    private static Stream Decompress(string member, byte[] body)
    {
        var raw = new MemoryStream(body);
        return member switch
        {
            _ when member.EndsWith(".xz", StringComparison.Ordinal) => new SharpCompress.Compressors.Xz.XZStream(raw),
            _ when member.EndsWith(".gz", StringComparison.Ordinal) => new GZipStream(raw, CompressionMode.Decompress),
            _ when member.EndsWith(".tar", StringComparison.Ordinal) => raw,
            _ => throw new InvalidDataException($"its member {member} uses a compression the SDK does not read (gzip, xz or none)"),
        };
    }

    private static List<RootEntry> ReadTar(Stream stream)
    {
        var entries = new List<RootEntry>();
        var byPath = new Dictionary<string, RootEntry>(StringComparer.Ordinal);
        using (stream)
        using (var tar = new TarReader(stream))
        {
            while (tar.GetNextEntry(copyData: false) is { } e)
            {
                var path = Clean(e.Name);
                if (path.Length == 0) continue;
                RootEntry entry;
                switch (e.EntryType)
                {
                    case TarEntryType.Directory:
                        entry = new RootEntry(path, TarEntryType.Directory, e.Mode, e.Uid, e.Gid, "", null);
                        break;
                    case TarEntryType.SymbolicLink:
                        entry = new RootEntry(path, TarEntryType.SymbolicLink, e.Mode, e.Uid, e.Gid, e.LinkName, null);
                        break;
                    case TarEntryType.HardLink:
                        var target = byPath.GetValueOrDefault(Clean(e.LinkName)) ?? throw new InvalidDataException($"the hard link {path} points at {e.LinkName}, which comes nowhere before it");
                        entry = target with { Path = path };
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        using (var ms = new MemoryStream())
                        {
                            e.DataStream?.CopyTo(ms);
                            entry = new RootEntry(path, TarEntryType.RegularFile, e.Mode, e.Uid, e.Gid, "", ms.ToArray());
                        }
                        break;
                    default:
                        throw new InvalidDataException($"{path} is a {e.EntryType}, which a package layer does not hold");
                }
                entries.Add(entry);
                byPath[path] = entry;
            }
        }
        return entries;
    }

    /// <summary>"./usr/bin/dot" and "usr/bin/dot/" become "usr/bin/dot"; "./" becomes "".</summary>
    internal static string Clean(string name)
    {
        var s = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name.TrimStart('/');
        return s == "." ? "" : s.TrimEnd('/');
    }
}
