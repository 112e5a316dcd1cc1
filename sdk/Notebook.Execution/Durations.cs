using System.Globalization;

namespace Notebook.Execution;

/// <summary>Durations as users read them in messages: "1.5 s", "2 min 5 s", "1 h 3 min".</summary>
internal static class Durations
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromMinutes(1))
        {
            return value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        if (value < TimeSpan.FromHours(1))
        {
            return $"{(int)value.TotalMinutes} min {value.Seconds} s";
        }

        return $"{(int)value.TotalHours} h {value.Minutes} min";
    }
}
