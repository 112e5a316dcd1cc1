using System.Globalization;

namespace Notebook.Deployment.Settings;

/// <summary>
/// A CronJob schedule, checked as the Kubernetes API server checks it (robfig/cron v3 <c>ParseStandard</c>): five
/// fields, minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT; each a
/// comma list of <c>*</c>, <c>?</c>, <c>N</c> or <c>N-M</c>, with an optional <c>/STEP</c>; or a macro. A <c>TZ=</c>
/// prefix is refused, as the API server refuses it: the time zone has its own setting.
/// </summary>
public sealed record CronSchedule(string Text)
{
    /// <summary>The macros robfig/cron knows, except <c>@every</c>, which is not a calendar schedule.</summary>
    public static readonly IReadOnlyList<string> Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly (string Name, int Min, int Max, string[]? Names, int NameBase)[] Fields =
    [
        ("minute", 0, 59, null, 0),
        ("hour", 0, 23, null, 0),
        ("day of month", 1, 31, null, 0),
        ("month", 1, 12, MonthNames, 1),
        ("day of week", 0, 6, DayNames, 0),
    ];

    /// <summary>The schedule, or null with the reason it is refused.</summary>
    public static CronSchedule? TryParse(string text, out string? reason)
    {
        reason = Check(text);
        return reason is null ? new CronSchedule(text) : null;
    }

    public override string ToString() => Text;

    private static string? Check(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return "it is empty";
        if (trimmed.StartsWith("TZ=", StringComparison.Ordinal) || trimmed.StartsWith("CRON_TZ=", StringComparison.Ordinal))
            return "a time zone in the schedule is not accepted by Kubernetes; set TimeZone instead";
        if (trimmed[0] == '@')
        {
            if (trimmed.StartsWith("@every", StringComparison.OrdinalIgnoreCase)) return "@every is not a calendar schedule; write it with cron fields, for example */15 * * * *";
            return Macros.Contains(trimmed, StringComparer.OrdinalIgnoreCase) ? null : $"{trimmed} is not a known macro";
        }

        var parts = trimmed.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length) return $"it has {parts.Length} field{(parts.Length == 1 ? "" : "s")}, expected 5";
        for (var i = 0; i < parts.Length; i++)
        {
            var field = Fields[i];
            foreach (var item in parts[i].Split(','))
            {
                if (CheckItem(item, field.Min, field.Max, field.Names, field.NameBase) is { } problem)
                    return $"the {field.Name} field '{parts[i]}' {problem}";
            }
        }

        return null;
    }

    private static string? CheckItem(string item, int min, int max, string[]? names, int nameBase)
    {
        var slash = item.Split('/');
        if (slash.Length > 2) return "has more than one '/'";
        var range = slash[0];
        int low, high;
        if (range is "*" or "?")
        {
            (low, high) = (min, max);
        }
        else
        {
            var bounds = range.Split('-');
            if (bounds.Length > 2) return $"has a bad range '{range}'";
            if (ParseValue(bounds[0], min, max, names, nameBase) is not { } first) return $"has '{bounds[0]}', not a value from {min} to {max}{NamesHint(names)}";
            low = first;
            high = first;
            if (bounds.Length == 2)
            {
                if (ParseValue(bounds[1], min, max, names, nameBase) is not { } last) return $"has '{bounds[1]}', not a value from {min} to {max}{NamesHint(names)}";
                high = last;
            }
            else if (slash.Length == 2)
            {
                // "N/STEP" means N to the maximum (robfig/cron).
                high = max;
            }

            if (low > high) return $"has the range '{range}' whose start is after its end";
        }

        if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step <= 0))
            return $"has the step '{slash[1]}', not a whole number greater than zero";
        return null;
    }

    private static int? ParseValue(string text, int min, int max, string[]? names, int nameBase)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return index + nameBase;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
    }

    private static string NamesHint(string[]? names) => names is null ? "" : $" or {names[0]}-{names[^1]}";
}
