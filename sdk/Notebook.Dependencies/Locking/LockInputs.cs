using System.Security.Cryptography;
using System.Text;

namespace Notebook.Dependencies;

/// <summary>
/// What a lock is made from: the merged, normalised requirements and the target environment. Its digest goes in
/// the lock's header; a lock whose digest differs from the current inputs is stale.
/// </summary>
public sealed record LockInputs(IReadOnlyList<Requirement> Requirements, TargetEnvironment Target)
{
    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>The text the digest is taken over: versioned, one fact per line, '\n' endings.</summary>
    public string CanonicalText
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("notebook-lock-inputs/1\n");
            sb.Append("python-version=").Append(Target.PythonVersion).Append('\n');
            sb.Append("implementation=cp\n");
            sb.Append("platform=").Append(Target.Platform).Append('\n');
            sb.Append("base-image=").Append(Target.BaseImage ?? "").Append('\n');
            sb.Append("base-image-digest=").Append(Target.BaseImageDigest ?? "").Append('\n');
            foreach (var r in Requirements) sb.Append("requirement=").Append(r).Append('\n');
            return sb.ToString();
        }
    }

    public string Digest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText)));

    /// <summary>Requirements in the form pip reads (-r): one normalised requirement per line.</summary>
    public string RequirementsText => string.Concat(Requirements.Select(r => r + "\n"));
}
