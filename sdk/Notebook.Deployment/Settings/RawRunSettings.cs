namespace Notebook.Deployment.Settings;

/// <summary>Run settings as written (item metadata, or the project-wide default properties); empty means not set.</summary>
public sealed record RawRunSettings
{
    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public string? Gpu { get; init; }

    public string? Schedule { get; init; }

    public string? TimeZone { get; init; }

    public string? Timeout { get; init; }

    public string? Retries { get; init; }

    public string? Concurrency { get; init; }

    public string? Parameters { get; init; }

    /// <summary>This notebook's values where set, else <paramref name="defaults"/>' (the project-wide properties).</summary>
    public RawRunSettings Over(RawRunSettings defaults) => new()
    {
        Cpu = Pick(Cpu, defaults.Cpu),
        Memory = Pick(Memory, defaults.Memory),
        Gpu = Pick(Gpu, defaults.Gpu),
        Schedule = Pick(Schedule, defaults.Schedule),
        TimeZone = Pick(TimeZone, defaults.TimeZone),
        Timeout = Pick(Timeout, defaults.Timeout),
        Retries = Pick(Retries, defaults.Retries),
        Concurrency = Pick(Concurrency, defaults.Concurrency),
        Parameters = Pick(Parameters, defaults.Parameters),
    };

    private static string? Pick(string? own, string? fallback) => string.IsNullOrWhiteSpace(own) ? fallback : own;
}
