using System.Globalization;
using System.Text.Json.Nodes;

namespace Notebook.Deployment.Settings;

/// <summary>
/// The run settings as the image's annotation carries them (camelCase, only what is set, quantities as written), so a
/// scheduler or a gateway reads what a notebook needs without running it. <c>timeoutSeconds</c> is a number of seconds.
/// </summary>
public static class RunSettingsJson
{
    public static JsonObject ToJson(RunSettings settings)
    {
        var json = new JsonObject();
        if (settings.Cpu is { } cpu) json["cpu"] = cpu.Text;
        if (settings.Memory is { } memory) json["memory"] = memory.Text;
        if (settings.Gpu > 0) json["gpu"] = settings.Gpu;
        if (settings.Schedule is { } schedule)
        {
            json["schedule"] = schedule.Text;
            if (settings.TimeZone is { } zone) json["timeZone"] = zone;
            json["concurrency"] = settings.Concurrency.ToString();
        }

        if (settings.Timeout is { } timeout) json["timeoutSeconds"] = JsonValue.Create(Seconds(timeout));
        json["retries"] = settings.Retries;
        if (settings.Parameters.Count > 0)
        {
            var parameters = new JsonObject();
            foreach (var p in settings.Parameters) parameters[p.Name] = p.Value;
            json["parameters"] = parameters;
        }

        return json;
    }

    /// <summary>Whole seconds when whole, else the exact decimal (1.5 for 1500 ms).</summary>
    private static decimal Seconds(TimeSpan value) =>
        decimal.Parse(value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
