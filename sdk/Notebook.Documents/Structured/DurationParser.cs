using System.Globalization;
using Notebook.Diagnostics;

namespace Notebook.Documents.Structured;

/// <summary>
/// Reads durations as users type them: <c>1500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1.5h</c> or plain seconds.
/// One grammar for nbrun's options and the <c>Timeout</c> run setting, which is handed to nbrun as <c>--timeout</c>.
/// </summary>
public static class DurationParser
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    /// <summary>The duration, or NB5204 naming <paramref name="option"/>. Zero and negative values are refused.</summary>
    public static TimeSpan Parse(string text, string option) =>
        TryParse(text, out var value) ? value : throw Messages.NB5204_InvalidDuration.Exception(text, option);

    /// <summary>False for text that is not a duration greater than zero.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim().ToLowerInvariant();
        var scale = 1.0;
        foreach (var (suffix, seconds) in Units)
        {
            // "ms" is tested before "s" and "m"; the order of Units matters.
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                trimmed = trimmed[..^suffix.Length];
                scale = seconds;
                break;
            }
        }

        if (!double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value <= 0 || double.IsInfinity(value * scale) || value * scale > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }
}
