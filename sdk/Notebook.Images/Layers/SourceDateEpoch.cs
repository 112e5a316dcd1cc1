using System.Globalization;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// The one timestamp every reproducible artifact carries
/// (https://reproducible-builds.org/specs/source-date-epoch/): SOURCE_DATE_EPOCH when set, else
/// <see cref="Default"/>. A malformed value is an error, never silently replaced.
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>2000-01-01T00:00:00Z: the documented default when SOURCE_DATE_EPOCH is not set.</summary>
    public const long DefaultSeconds = 946684800;

    public const string VariableName = "SOURCE_DATE_EPOCH";

    public static DateTimeOffset Default { get; } = DateTimeOffset.FromUnixTimeSeconds(DefaultSeconds);

    /// <summary>Parses a SOURCE_DATE_EPOCH value: ASCII digits only, at most year 9999. Null or empty gives the default.</summary>
    public static DateTimeOffset Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return Default;
        if (!value.All(char.IsAsciiDigit)
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            throw Messages.NB4003_InvalidSourceDateEpoch.Exception(value);
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>Reads SOURCE_DATE_EPOCH from the given environment lookup (the process environment by default).</summary>
    public static DateTimeOffset FromEnvironment(Func<string, string?>? getVariable = null) =>
        Parse((getVariable ?? Environment.GetEnvironmentVariable)(VariableName));

    /// <summary>RFC 3339 in UTC with whole seconds, the form configs and annotations carry.</summary>
    public static string ToRfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
