using System.Security.Cryptography;
using System.Text;

namespace Notebook.OsPackages;

/// <summary>
/// What a packages.lock is made from. The inputs digest covers the merged requests, the suite, components,
/// architecture and the base image's name; the base digest is checked on its own (NB3132), since a moved tag
/// is a different failure from an edited apt.txt. The mirror is not an input: another mirror serves the same archive.
/// </summary>
public sealed record OsPackageInputs(IReadOnlyList<DebianPackageRequest> Requests, string Suite, IReadOnlyList<string> Components,
    string Architecture, string BaseImage)
{
    public string Digest
    {
        get
        {
            var sb = new StringBuilder("notebook-sdk/packages.lock/1\n");
            foreach (var r in Requests.OrderBy(r => r.Name, StringComparer.Ordinal)) sb.Append("request ").Append(r).Append('\n');
            sb.Append("suite ").Append(Suite).Append('\n');
            sb.Append("components ").Append(string.Join(' ', Components)).Append('\n');
            sb.Append("architecture ").Append(Architecture).Append('\n');
            sb.Append("base-image ").Append(BaseImage).Append('\n');
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
        }
    }
}
