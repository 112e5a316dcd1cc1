using System.Globalization;
using System.Text.RegularExpressions;

namespace Notebook.Deployment.Settings;

/// <summary>
/// A Kubernetes resource quantity (k8s.io/apimachinery resource.Quantity): a decimal number and a suffix, binary
/// (Ki Mi Gi Ti Pi Ei), decimal (m, none, k M G T P E) or a decimal exponent (e3, E6). <see cref="Text"/> keeps what the
/// user wrote, which is what a manifest carries; <see cref="Value"/> is the exact amount in base units (cores, bytes).
/// </summary>
public sealed partial record ResourceQuantity(string Text, decimal Value)
{
    private static readonly Dictionary<string, decimal> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = 1m, ["m"] = 0.001m, ["k"] = 1e3m, ["M"] = 1e6m, ["G"] = 1e9m, ["T"] = 1e12m, ["P"] = 1e15m, ["E"] = 1e18m,
        ["Ki"] = 1L << 10, ["Mi"] = 1L << 20, ["Gi"] = 1L << 30, ["Ti"] = 1L << 40, ["Pi"] = 1L << 50, ["Ei"] = 1L << 60,
    };

    /// <summary>Parses the grammar of resource.Quantity; null with a reason when it does not match.</summary>
    public static ResourceQuantity? TryParse(string text, out string? reason)
    {
        reason = null;
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            reason = text.Trim() != text ? "it has spaces around it"
                : text.Length == 0 ? "it is empty"
                : "it is not a number with a suffix such as m, k, M, G, Ki, Mi or Gi (suffixes are case-sensitive)";
            return null;
        }

        var number = match.Groups["number"].Value;
        var suffix = match.Groups["suffix"].Value;
        decimal scale;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && suffix[1] != 'i')
        {
            // A decimal exponent; resource.Quantity accepts any, but nothing a machine has needs more than 10^18.
            var exponent = int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (exponent is < -9 or > 18)
            {
                reason = $"the exponent {suffix} is out of range (e-9 to e18)";
                return null;
            }

            scale = exponent >= 0 ? Pow10(exponent) : 1m / Pow10(-exponent);
        }
        else
        {
            scale = Suffixes[suffix];
        }

        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            reason = "the number is too long";
            return null;
        }

        try
        {
            return new ResourceQuantity(text, value * scale);
        }
        catch (OverflowException)
        {
            reason = "it is too large";
            return null;
        }
    }

    /// <summary>The amount as nano-CPUs (Docker's <c>NanoCPUs</c>: 1 core = 10^9), for a quantity of cores.</summary>
    public long ToNanoCpus() => checked((long)decimal.Ceiling(Value * 1_000_000_000m));

    /// <summary>The amount in millicores (rounded up), what Kubernetes keeps of a CPU quantity.</summary>
    public long ToMillicores() => checked((long)decimal.Ceiling(Value * 1000m));

    /// <summary>The amount in bytes (rounded up, as Kubernetes rounds a fractional byte count), for a quantity of memory.</summary>
    public long ToBytes() => checked((long)decimal.Ceiling(Value));

    public override string ToString() => Text;

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= 10m;
        return result;
    }

    // <quantity> ::= <signedNumber><suffix>; <signedNumber> ::= [+-] digits [. digits] | [+-] . digits (k8s quantity.go).
    [GeneratedRegex(@"^(?<number>[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+))(?<suffix>[eE][+-]?[0-9]+|[KMGTPE]i|[mkMGTPE]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
