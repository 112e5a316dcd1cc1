using k8s;
using k8s.Models;
using Notebook.Deployment.Settings;

namespace Notebook.Deployment.Kubernetes;

/// <summary>
/// One notebook's manifest from KubernetesClient's typed models: a Job, a CronJob when it has a schedule, an Indexed
/// Job (one index per parameter set) for a sweep. The failure policy keys on nbrun's exit codes: a raised cell, bad
/// parameters or a timeout fail at once; a dead kernel is retried up to Retries times; a disruption (eviction,
/// preemption, node drain) is not counted.
/// </summary>
public static class JobManifestBuilder
{
    /// <summary>Time one attempt gets beyond the notebook's Timeout: image pull, kernel start, writing and pushing results.</summary>
    public static readonly TimeSpan AttemptGrace = TimeSpan.FromMinutes(5);

    public const string NotebookAnnotation = "notebook-sdk.dev/notebook";

    public static IKubernetesObject<V1ObjectMeta> Build(NotebookJobSpec spec, KubernetesOptions options)
    {
        var scheduled = spec.Settings.Schedule is not null;
        var name = JobNames.ObjectName(spec.Project, spec.Notebook, scheduled);
        var labels = Labels(spec, name);
        var metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = options.Namespace,
            Labels = labels,
            Annotations = new Dictionary<string, string> { [NotebookAnnotation] = spec.Notebook },
        };
        var job = JobSpec(spec, options, labels, ttl: scheduled ? null : options.TtlSecondsAfterFinished);
        if (spec.Settings.Schedule is not { } schedule)
            return new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = metadata, Spec = job };

        return new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = metadata,
            Spec = new V1CronJobSpec
            {
                Schedule = schedule.Text,
                TimeZone = spec.Settings.TimeZone,
                ConcurrencyPolicy = spec.Settings.Concurrency.ToString(),
                JobTemplate = new V1JobTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) }, Spec = job },
            },
        };
    }

    /// <summary>The YAML <c>kubectl apply -f</c> reads.</summary>
    public static string ToYaml(IKubernetesObject<V1ObjectMeta> manifest) => KubernetesYaml.Serialize(manifest);

    private static V1JobSpec JobSpec(NotebookJobSpec spec, KubernetesOptions options, IDictionary<string, string> labels, int? ttl)
    {
        var settings = spec.Settings;
        var sweep = spec.Sweep;
        var job = new V1JobSpec
        {
            Template = PodTemplateBuilder.Build(spec, options, new Dictionary<string, string>(labels)),
            PodFailurePolicy = FailurePolicy(sweep is not null),
            TtlSecondsAfterFinished = ttl,
            ActiveDeadlineSeconds = Deadline(settings, sweep),
        };

        if (sweep is null)
        {
            job.BackoffLimit = settings.Retries;
            return job;
        }

        // One index per set. Retries count per index, and a set that fails for good fails only its index, so one
        // failing set does not stop the others (backoffLimitPerIndex: Kubernetes 1.29 and later, on by default).
        job.CompletionMode = "Indexed";
        job.Completions = sweep.Count;
        job.Parallelism = Math.Min(sweep.Parallelism, sweep.Count);
        job.BackoffLimitPerIndex = settings.Retries;
        return job;
    }

    private static V1PodFailurePolicy FailurePolicy(bool perIndex) => new()
    {
        Rules =
        [
            new V1PodFailurePolicyRule
            {
                Action = perIndex ? "FailIndex" : "FailJob",
                OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement
                {
                    ContainerName = PodTemplateBuilder.ContainerName, OperatorProperty = "In", Values = [.. RunnerExitCodes.Final],
                },
            },
            new V1PodFailurePolicyRule
            {
                Action = "Count",
                OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement
                {
                    ContainerName = PodTemplateBuilder.ContainerName, OperatorProperty = "In", Values = [.. RunnerExitCodes.Retried],
                },
            },
            new V1PodFailurePolicyRule
            {
                Action = "Ignore",
                OnPodConditions = [new V1PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget", Status = "True" }],
            },
        ],
    };

    /// <summary>
    /// activeDeadlineSeconds bounds the whole Job: every attempt (1 + Retries) of every wave of a sweep, each given the
    /// notebook's Timeout plus <see cref="AttemptGrace"/>. No Timeout, no deadline: nothing here can guess one.
    /// </summary>
    private static long? Deadline(RunSettings settings, SweepSpec? sweep)
    {
        if (settings.Timeout is not { } timeout) return null;
        var waves = sweep is null ? 1 : (sweep.Count + Math.Min(sweep.Parallelism, sweep.Count) - 1) / Math.Min(sweep.Parallelism, sweep.Count);
        return (long)Math.Ceiling((timeout + AttemptGrace).TotalSeconds) * (settings.Retries + 1) * waves;
    }

    private static Dictionary<string, string> Labels(NotebookJobSpec spec, string name)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = KubernetesNames.ToLabelValue(JobNames.ObjectName(spec.Project, spec.Notebook, scheduled: false)),
            ["app.kubernetes.io/instance"] = name,
            ["app.kubernetes.io/component"] = "notebook",
            ["app.kubernetes.io/part-of"] = KubernetesNames.ToLabelValue(spec.Project),
            ["app.kubernetes.io/managed-by"] = "Notebook.Sdk",
        };
        if (!string.IsNullOrWhiteSpace(spec.Version) && KubernetesNames.ToLabelValue(spec.Version) is { Length: > 0 } version)
            labels["app.kubernetes.io/version"] = version;
        return labels;
    }
}
