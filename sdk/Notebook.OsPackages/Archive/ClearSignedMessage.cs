using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Notebook.OsPackages;

/// <summary>
/// An OpenPGP cleartext-signed message (RFC 9580 section 7), as Debian's InRelease is. <see cref="Verify"/> checks
/// that at least one signature is good and made by a key of the keyring, as apt's gpgv does.
/// </summary>
public sealed class ClearSignedMessage
{
    private const string Begin = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string SignatureBegin = "-----BEGIN PGP SIGNATURE-----";

    private ClearSignedMessage(IReadOnlyList<string> lines, string armoredSignature)
    {
        Lines = lines;
        ArmoredSignature = armoredSignature;
    }

    /// <summary>The signed text's lines, dash-escaping removed.</summary>
    public IReadOnlyList<string> Lines { get; }

    public string ArmoredSignature { get; }

    /// <summary>The signed text as a file, '\n' after each line.</summary>
    public string Text => string.Concat(Lines.Select(l => l + "\n"));

    public static ClearSignedMessage Parse(string text)
    {
        var all = text.Replace("\r\n", "\n").Split('\n');
        var i = 0;
        while (i < all.Length && all[i].Trim().Length == 0) i++;
        if (i >= all.Length || all[i].TrimEnd() != Begin) throw new FormatException("it does not start with " + Begin);
        i++;
        // Armor headers ("Hash: SHA256") up to the first empty line.
        while (i < all.Length && all[i].Trim().Length > 0) i++;
        i++;
        var lines = new List<string>();
        while (i < all.Length && all[i].TrimEnd() != SignatureBegin)
        {
            var line = all[i];
            lines.Add(line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line);
            i++;
        }
        if (i >= all.Length) throw new FormatException("it has no " + SignatureBegin + " block");
        return new ClearSignedMessage(lines, string.Join('\n', all[i..]));
    }

    /// <summary>The ids of the keys whose signatures verified; throws when none did.</summary>
    public IReadOnlyList<string> Verify(ArchiveKeyring keyring, DateTimeOffset now)
    {
        // RFC 9580 7.1: trailing whitespace of each line is not signed; lines are joined with CRLF, the last one has none.
        var signed = Encoding.UTF8.GetBytes(string.Join("\r\n", Lines.Select(l => l.TrimEnd(' ', '\t'))));
        PgpSignatureList signatures;
        using (var armored = new ArmoredInputStream(new MemoryStream(Encoding.ASCII.GetBytes(ArmoredSignature))))
        {
            var factory = new PgpObjectFactory(armored);
            var obj = factory.NextPgpObject();
            signatures = obj as PgpSignatureList ?? throw new FormatException("its signature block holds no signature");
        }
        var good = new List<string>();
        var seen = new List<string>();
        for (var k = 0; k < signatures.Count; k++)
        {
            var sig = signatures[k];
            var id = sig.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
            seen.Add(id);
            var key = keyring.Find(sig.KeyId);
            if (key is null) continue;
            var expires = key.GetValidSeconds();
            if (expires > 0 && key.CreationTime.AddSeconds(expires) < now.UtcDateTime) continue;
            sig.InitVerify(key);
            sig.Update(signed);
            if (sig.Verify()) good.Add(id);
        }
        if (good.Count == 0)
            throw new FormatException(seen.Count == 0 ? "it carries no signature" : $"no good signature by a trusted, unexpired key (signed by {string.Join(", ", seen)})");
        return good;
    }
}
