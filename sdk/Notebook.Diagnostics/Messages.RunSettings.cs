namespace Notebook.Diagnostics;

// NB6020-NB6049: run settings (Notebook item metadata and their project-wide defaults), sweep files and Kubernetes
// manifests. {0} is the notebook (the item) the setting belongs to, or the project when it is a project default.
public static partial class Messages
{
    public static readonly MessageDescriptor NB6020_CpuInvalid = new("NB6020", Severity.Error,
        "The Cpu of {0} is '{1}': {2}. Give a Kubernetes CPU quantity greater than zero, in cores or millicores, for example Cpu=\"2\", Cpu=\"0.5\" or Cpu=\"500m\".");

    public static readonly MessageDescriptor NB6021_MemoryInvalid = new("NB6021", Severity.Error,
        "The Memory of {0} is '{1}': {2}. Give a Kubernetes memory quantity greater than zero, in bytes with a suffix, for example Memory=\"512Mi\", Memory=\"2Gi\" or Memory=\"1G\".");

    public static readonly MessageDescriptor NB6022_GpuInvalid = new("NB6022", Severity.Error,
        "The Gpu of {0} is '{1}', not a whole number of GPUs. Give a count from 0 to 64, for example Gpu=\"1\".");

    public static readonly MessageDescriptor NB6023_ScheduleInvalid = new("NB6023", Severity.Error,
        "The Schedule of {0} is '{1}': {2}. Give a cron expression with 5 fields (minute hour day-of-month month day-of-week), as a Kubernetes CronJob takes it, for example Schedule=\"0 6 * * 1-5\", or a macro: @hourly, @daily, @weekly, @monthly, @yearly.");

    public static readonly MessageDescriptor NB6024_TimeZoneInvalid = new("NB6024", Severity.Error,
        "The TimeZone of {0} is '{1}', not an IANA time zone name known here. Give a name from the tz database, for example TimeZone=\"Europe/Paris\" or TimeZone=\"Etc/UTC\".");

    public static readonly MessageDescriptor NB6025_TimeoutInvalid = new("NB6025", Severity.Error,
        "The Timeout of {0} is '{1}', not a duration greater than zero. Give seconds or a number with a unit (ms, s, m, h), for example Timeout=\"30m\" or Timeout=\"1.5h\".");

    public static readonly MessageDescriptor NB6026_RetriesInvalid = new("NB6026", Severity.Error,
        "The Retries of {0} is '{1}', not a whole number from 0 to 100. Give how many times a run whose kernel died is tried again, for example Retries=\"2\".");

    public static readonly MessageDescriptor NB6027_ConcurrencyInvalid = new("NB6027", Severity.Error,
        "The Concurrency of {0} is '{1}'. Give what a scheduled run does while the previous one is still going: Allow (run both), Forbid (skip the new run) or Replace (stop the old run), for example Concurrency=\"Forbid\".");

    public static readonly MessageDescriptor NB6028_ParametersInvalid = new("NB6028", Severity.Error,
        "The Parameters of {0} are not valid: {1}. Give NAME=VALUE pairs separated by ';' (escaped as %3B in MSBuild), for example Parameters=\"region=eu%3Btop_n=5\".");

    public static readonly MessageDescriptor NB6029_SettingNeedsSchedule = new("NB6029", Severity.Warning,
        "{0} sets {1} but has no Schedule, so {1} has no effect: it applies to scheduled runs (a Kubernetes CronJob) only. Add a Schedule, or remove {1}.");

    public static readonly MessageDescriptor NB6030_SweepFileUnreadable = new("NB6030", Severity.Error,
        "The sweep file '{0}' could not be read: {1}. Check NotebookSweep (or --sweep): it names a YAML or JSON file with a list of parameter sets.");

    public static readonly MessageDescriptor NB6031_SweepFileInvalid = new("NB6031", Severity.Error,
        "The sweep file '{0}' is not valid: {1}. It must hold a non-empty list of parameter sets, each a mapping of parameter names to values, for example '- {{top_n: 5}}' then '- {{top_n: 10}}' (YAML) or '[{{\"top_n\": 5}}, {{\"top_n\": 10}}]' (JSON).");

    public static readonly MessageDescriptor NB6032_SweepConcurrencyInvalid = new("NB6032", Severity.Error,
        "NotebookSweepConcurrency is '{0}', not a whole number from 1 to 10000. Give how many parameter sets run at the same time, for example -p:NotebookSweepConcurrency=4.");

    public static readonly MessageDescriptor NB6033_SweepIndexOutOfRange = new("NB6033", Severity.Error,
        "The sweep index {0} is outside the sweep file '{1}', which holds {2} parameter sets (indexes 0 to {3}). Give --sweep-index from 0 to {3}, or check JOB_COMPLETION_INDEX and the Job's completions.");
}
