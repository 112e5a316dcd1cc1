using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.Deployment.Kubernetes;

/// <summary>
/// The name rules the API server enforces (k8s.io/apimachinery/pkg/util/validation): DNS-1123 labels and subdomains,
/// label keys (qualified names) and label values; and making a valid object name out of a project or notebook name.
/// </summary>
public static partial class KubernetesNames
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;

    /// <summary>
    /// A CronJob's name at most 52 characters: the controller names each Job NAME-&lt;11 digits&gt; and a Job's name
    /// must fit a label value (63).
    /// </summary>
    public const int CronJobNameMaxLength = 52;

    public static bool IsDns1123Label(string value) => value.Length is > 0 and <= LabelMaxLength && Dns1123Label().IsMatch(value);

    public static bool IsDns1123Subdomain(string value) =>
        value.Length is > 0 and <= SubdomainMaxLength && value.Split('.').All(p => p.Length > 0 && Dns1123Label().IsMatch(p));

    /// <summary>A label value: empty, or at most 63 characters of [A-Za-z0-9_.-] beginning and ending with a letter or digit.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= LabelMaxLength && LabelValue().IsMatch(value));

    /// <summary>A label (or annotation) key: an optional DNS subdomain prefix and '/', then a name like a label value, not empty.</summary>
    public static bool IsQualifiedName(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? value[(slash + 1)..] : value;
        if (slash >= 0 && !IsDns1123Subdomain(value[..slash])) return false;
        return name.Length is > 0 and <= LabelMaxLength && LabelValue().IsMatch(name);
    }

    /// <summary>
    /// A DNS-1123 label of at most <paramref name="maxLength"/> characters made from <paramref name="text"/>: lower
    /// case, runs of other characters become '-'. Too long a name is cut and ends in 8 hex digits of its SHA-256, so two
    /// long names that share a beginning stay apart.
    /// </summary>
    public static string ToObjectName(string text, int maxLength = LabelMaxLength)
    {
        var lowered = NotNameCharacters().Replace(text.ToLowerInvariant(), "-").Trim('-');
        if (lowered.Length == 0) lowered = "notebook";
        if (lowered.Length <= maxLength) return lowered;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return lowered[..(maxLength - hash.Length - 1)].TrimEnd('-') + "-" + hash;
    }

    /// <summary>A label value made from <paramref name="text"/>: characters a label value refuses become '_', cut to 63.</summary>
    public static string ToLabelValue(string text)
    {
        var replaced = NotLabelCharacters().Replace(text, "_");
        if (replaced.Length > LabelMaxLength) replaced = replaced[..LabelMaxLength];
        return replaced.Trim('_', '-', '.');
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotNameCharacters();

    [GeneratedRegex("[^A-Za-z0-9_.-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotLabelCharacters();
}
