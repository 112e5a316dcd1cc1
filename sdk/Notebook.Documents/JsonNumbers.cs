using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Notebook.Documents;

/// <summary>
/// Numbers as Python sees them. A float keeps a fraction or exponent in its JSON text (1.0, not 1) so that it stays
/// a float after a round trip through JSON; integers are any JSON number without fraction or exponent.
/// </summary>
public static class JsonNumbers
{
    /// <summary>A JSON number node for a Python float, written the way Python's repr writes it (1.0, 1e+100).</summary>
    public static JsonNode Float(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity.");
        return JsonNode.Parse(PythonFloatRepr(value))!;
    }

    /// <summary>A JSON number node for an integer of any size.</summary>
    public static JsonNode Integer(BigInteger value) => JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture))!;

    /// <summary>True when the value is a number written as an integer.</summary>
    public static bool IsInteger(JsonNode? node) => node is JsonValue v && JsonHelpers.IsIntegral(v);

    /// <summary>True when the value is any JSON number.</summary>
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>The integer value of an integral number node.</summary>
    public static BigInteger GetInteger(JsonNode node) => BigInteger.Parse(ToJsonText((JsonValue)node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>The number's JSON text: the original text when parsed, else a round-trippable form.</summary>
    public static string ToJsonText(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var e)) return e.GetRawText();
        if (value.TryGetValue<double>(out var d) && !value.TryGetValue<long>(out _)) return PythonFloatRepr(d);
        if (value.TryGetValue<float>(out var f)) return PythonFloatRepr(f);
        if (value.TryGetValue<decimal>(out var m)) return m.ToString(CultureInfo.InvariantCulture);
        return value.ToJsonString();
    }

    /// <summary>Python's repr(float): shortest round-trip digits, exponent form when the exponent is below -4 or above 15.</summary>
    public static string PythonFloatRepr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // "E16" is not shortest; "R" is (since .NET Core 3.0). Split it into digits and a decimal point position.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exp = 0;
        var ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..ePos];
        }
        var dot = r.IndexOf('.');
        var intPart = dot < 0 ? r : r[..dot];
        var fracPart = dot < 0 ? "" : r[(dot + 1)..];
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        // value = 0.DIGITS * 10^decpt
        var decpt = intPart.Length - leadingZeros + exp;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        string body;
        if (decpt is > -4 and <= 16)
        {
            if (decpt <= 0) body = "0." + new string('0', -decpt) + digits;
            else if (decpt >= digits.Length) body = digits + new string('0', decpt - digits.Length) + ".0";
            else body = digits[..decpt] + "." + digits[decpt..];
        }
        else
        {
            var e10 = decpt - 1;
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = mantissa + "e" + (e10 < 0 ? "-" : "+") + Math.Abs(e10).ToString("00", CultureInfo.InvariantCulture);
        }
        return value < 0 ? "-" + body : body;
    }
}
