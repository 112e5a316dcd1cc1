using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Notebook.OsPackages;

/// <summary>The OpenPGP keys a Release file must be signed by: by default Debian's archive keys, shipped with the SDK.</summary>
public sealed class ArchiveKeyring
{
    private readonly PgpPublicKeyRingBundle _bundle;

    private ArchiveKeyring(PgpPublicKeyRingBundle bundle) => _bundle = bundle;

    /// <summary>debian-archive-keyring 2023.3+deb12u2: bullseye, bookworm and trixie, archive, security and stable release keys.</summary>
    public static ArchiveKeyring Debian { get; } = Load();

    public static ArchiveKeyring FromStream(Stream binaryKeyring) =>
        new(new PgpPublicKeyRingBundle(PgpUtilities.GetDecoderStream(binaryKeyring)));

    private static ArchiveKeyring Load()
    {
        using var s = typeof(ArchiveKeyring).Assembly.GetManifestResourceStream("Notebook.OsPackages.debian-archive-keyring.gpg")
            ?? throw new InvalidOperationException("The Debian archive keyring is not embedded in Notebook.OsPackages.");
        return FromStream(s);
    }

    public int KeyCount => _bundle.GetKeyRings().Sum(r => r.GetPublicKeys().Count());

    /// <summary>The key (primary or subkey) with this id, when it is in the keyring.</summary>
    internal PgpPublicKey? Find(long keyId) => _bundle.GetPublicKey(keyId);
}
