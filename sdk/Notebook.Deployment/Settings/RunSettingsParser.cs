using System.Globalization;
using System.Text.RegularExpressions;
using Notebook.Diagnostics;
using Notebook.Documents.Structured;

namespace Notebook.Deployment.Settings;

/// <summary>
/// Validates <see cref="RawRunSettings"/> into <see cref="RunSettings"/>. Every problem is reported (NB6020-NB6029)
/// naming <c>owner</c>, the notebook item or the project, so one build shows them all; the result is null when any is an error.
/// </summary>
public static partial class RunSettingsParser
{
    private const int MaxGpu = 64;
    private const int MaxRetries = 100;

    public static RunSettings? Parse(RawRunSettings raw, string owner, IDiagnosticLog log)
    {
        var failed = false;
        void Fail(Diagnostic d)
        {
            failed = true;
            log.Report(d);
        }

        var settings = new RunSettings
        {
            Cpu = Quantity(raw.Cpu, Messages.NB6020_CpuInvalid, owner, Fail, cpu: true),
            Memory = Quantity(raw.Memory, Messages.NB6021_MemoryInvalid, owner, Fail, cpu: false),
            Gpu = WholeNumber(raw.Gpu, 0, MaxGpu, 0, Messages.NB6022_GpuInvalid, owner, Fail),
            Schedule = Schedule(raw.Schedule, owner, Fail),
            TimeZone = TimeZoneName(raw.TimeZone, owner, Fail),
            Timeout = Timeout(raw.Timeout, owner, Fail),
            Retries = WholeNumber(raw.Retries, 0, MaxRetries, RunSettings.DefaultRetries, Messages.NB6026_RetriesInvalid, owner, Fail),
            Concurrency = Concurrency(raw.Concurrency, owner, Fail),
            Parameters = Parameters(raw.Parameters, owner, Fail),
        };

        if (settings.Schedule is null)
        {
            if (IsSet(raw.TimeZone)) log.Report(Messages.NB6029_SettingNeedsSchedule.Create(owner, "TimeZone"));
            if (IsSet(raw.Concurrency)) log.Report(Messages.NB6029_SettingNeedsSchedule.Create(owner, "Concurrency"));
        }

        return failed ? null : settings;
    }

    private static bool IsSet(string? text) => !string.IsNullOrWhiteSpace(text);

    private static ResourceQuantity? Quantity(string? text, MessageDescriptor invalid, string owner, Action<Diagnostic> fail, bool cpu)
    {
        if (!IsSet(text)) return null;
        var quantity = ResourceQuantity.TryParse(text!.Trim(), out var reason);
        if (quantity is null)
        {
            fail(invalid.Create(owner, text, reason));
            return null;
        }

        if (quantity.Value <= 0)
        {
            fail(invalid.Create(owner, text, "it is not greater than zero"));
            return null;
        }

        // Kubernetes keeps CPU to the millicore and memory to the byte, rounding up what is finer: refuse instead of
        // letting the scheduler see another amount than the one written.
        if (cpu && quantity.Value * 1000m != decimal.Truncate(quantity.Value * 1000m))
        {
            fail(invalid.Create(owner, text, "it is finer than a millicore (1m), the smallest CPU amount Kubernetes keeps"));
            return null;
        }

        try
        {
            _ = cpu ? quantity.ToNanoCpus() : quantity.ToBytes();
        }
        catch (OverflowException)
        {
            fail(invalid.Create(owner, text, "it is too large"));
            return null;
        }

        if (!cpu && quantity.Value != decimal.Truncate(quantity.Value))
        {
            fail(invalid.Create(owner, text, "it is not a whole number of bytes"));
            return null;
        }

        return quantity;
    }

    private static int WholeNumber(string? text, int min, int max, int unset, MessageDescriptor invalid, string owner, Action<Diagnostic> fail)
    {
        if (!IsSet(text)) return unset;
        if (int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        fail(invalid.Create(owner, text));
        return unset;
    }

    private static CronSchedule? Schedule(string? text, string owner, Action<Diagnostic> fail)
    {
        if (!IsSet(text)) return null;
        var schedule = CronSchedule.TryParse(text!.Trim(), out var reason);
        if (schedule is null) fail(Messages.NB6023_ScheduleInvalid.Create(owner, text, reason));
        return schedule;
    }

    private static string? TimeZoneName(string? text, string owner, Action<Diagnostic> fail)
    {
        if (!IsSet(text)) return null;
        var name = text!.Trim();
        if (IsIanaZone(name)) return name;
        fail(Messages.NB6024_TimeZoneInvalid.Create(owner, text));
        return null;
    }

    /// <summary>
    /// A tz database name (what Go's <c>time.LoadLocation</c>, and so the CronJob controller, takes): the shape of one,
    /// and known to this machine's tz database. "Local" is refused, as the API server refuses it.
    /// </summary>
    private static bool IsIanaZone(string name)
    {
        if (name == "Local" || !ZoneShape().IsMatch(name)) return false;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name) is not null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static TimeSpan? Timeout(string? text, string owner, Action<Diagnostic> fail)
    {
        if (!IsSet(text)) return null;
        if (DurationParser.TryParse(text!, out var duration) && duration >= TimeSpan.FromSeconds(1)) return duration;
        fail(Messages.NB6025_TimeoutInvalid.Create(owner, text));
        return null;
    }

    private static RunConcurrency Concurrency(string? text, string owner, Action<Diagnostic> fail)
    {
        if (!IsSet(text)) return RunConcurrency.Allow;
        if (Enum.TryParse<RunConcurrency>(text!.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text.Trim()[0])) return value;
        fail(Messages.NB6027_ConcurrencyInvalid.Create(owner, text));
        return RunConcurrency.Allow;
    }

    private static IReadOnlyList<RunParameter> Parameters(string? text, string owner, Action<Diagnostic> fail)
    {
        if (!IsSet(text)) return [];
        var result = new List<RunParameter>();
        foreach (var part in text!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? part[..equals].Trim() : "";
            if (!Identifier().IsMatch(name))
            {
                fail(Messages.NB6028_ParametersInvalid.Create(owner, $"'{part}' is not NAME=VALUE with NAME a parameter name"));
                return [];
            }

            if (result.Any(p => p.Name == name))
            {
                fail(Messages.NB6028_ParametersInvalid.Create(owner, $"'{name}' is given twice"));
                return [];
            }

            result.Add(new RunParameter(name, part[(equals + 1)..]));
        }

        return result;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    // Area/Location names: ASCII letters, digits, '_', '-', '+', parts separated by '/', no part "." or "..", each at most 14 characters (tzfile(5)).
    [GeneratedRegex(@"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9_+\-.]{1,14}(/[A-Za-z0-9_+\-.]{1,14})*$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneShape();
}
