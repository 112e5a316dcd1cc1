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

    public static readonly MessageDescriptor NB6034_KubernetesNameInvalid = new("NB6034", Severity.Error,
        "{0} is '{1}', not {2} as Kubernetes requires: lower-case letters, digits and '-' (and '.' in a subdomain), beginning and ending with a letter or digit, at most 63 characters (253 for a subdomain). For example <{0}>analytics</{0}>.");

    public static readonly MessageDescriptor NB6035_NodeSelectorInvalid = new("NB6035", Severity.Error,
        "The NotebookKubernetesNodeSelector '{0}' with Value '{1}' is not valid: {2}. Keys are label keys such as 'disktype' or 'kubernetes.io/arch', values at most 63 letters, digits, '-', '_' or '.', for example <NotebookKubernetesNodeSelector Include=\"disktype\" Value=\"ssd\" />.");

    public static readonly MessageDescriptor NB6036_TolerationInvalid = new("NB6036", Severity.Error,
        "The NotebookKubernetesToleration '{0}' is not valid: {1}. For example <NotebookKubernetesToleration Include=\"nvidia.com/gpu\" Operator=\"Exists\" Effect=\"NoSchedule\" />.");

    public static readonly MessageDescriptor NB6037_TtlInvalid = new("NB6037", Severity.Error,
        "NotebookKubernetesTtlSecondsAfterFinished is '{0}', not a whole number of seconds (0 or more). Give how long a finished Job is kept, for example 86400 for a day.");

    public static readonly MessageDescriptor NB6038_ResultsRepositoryInvalid = new("NB6038", Severity.Error,
        "NotebookResultsRepository is '{0}', not a repository reference: {1}. Give REGISTRY/REPOSITORY[:TAG], for example registry.example.com/analytics/report-runs.");

    public static readonly MessageDescriptor NB6039_ManifestsNeedRegistry = new("NB6039", Severity.Info,
        "No Kubernetes manifests were written: the image was not pushed to a registry, and a manifest pins the image by the digest it was pushed with. Set ContainerRegistry, or turn the manifests off with <EnableNotebookKubernetesManifests>false</EnableNotebookKubernetesManifests>.");

    public static readonly MessageDescriptor NB6040_ManifestNamesCollide = new("NB6040", Severity.Error,
        "The notebooks {0} and {1} both become the Kubernetes object '{2}'. Rename one of them, or give one a Link metadata with another name.");
}
