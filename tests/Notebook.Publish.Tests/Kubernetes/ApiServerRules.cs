using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Notebook.Deployment.Kubernetes;
using Notebook.Deployment.Settings;

namespace Notebook.Publish.Tests.Kubernetes;

/// <summary>
/// Rules the API server enforces on a Job or CronJob (pkg/apis/batch/validation, core/validation) that neither the
/// OpenAPI schema (kubernetes-models) nor a strict read check: name lengths and DNS-1123 shapes, label and annotation
/// syntax, the cron schedule and time zone, podFailurePolicy's requirements, Indexed Job fields, volume references.
/// Plus this SDK's promises: image by digest, non-root, read-only root, every capability dropped.
/// </summary>
public static partial class ApiServerRules
{
    public static IReadOnlyList<string> Check(IKubernetesObject<V1ObjectMeta> manifest)
    {
        var problems = new List<string>();
        var meta = manifest.Metadata;
        Meta(meta, problems, "metadata");
        V1JobSpec? job;
        if (manifest is V1CronJob cron)
        {
            if (meta.Name is { Length: > KubernetesNames.CronJobNameMaxLength }) problems.Add($"a CronJob name has at most 52 characters: {meta.Name}");
            if (CronSchedule.TryParse(cron.Spec.Schedule ?? "", out var reason) is null) problems.Add($"schedule '{cron.Spec.Schedule}': {reason}");
            if (cron.Spec.TimeZone is { } zone && (zone == "Local" || !File.Exists(Path.Combine("/usr/share/zoneinfo", zone)))) problems.Add($"unknown time zone {zone}");
            if (cron.Spec.ConcurrencyPolicy is { } policy && policy is not ("Allow" or "Forbid" or "Replace")) problems.Add($"concurrencyPolicy {policy}");
            if (cron.Spec.JobTemplate.Metadata?.Labels is { } templateLabels) Labels(templateLabels, problems, "jobTemplate.metadata.labels");
            job = cron.Spec.JobTemplate.Spec;
        }
        else if (manifest is V1Job plain)
        {
            // The Job's name becomes the value of the pods' job-name label.
            if (meta.Name is { Length: > KubernetesNames.LabelMaxLength }) problems.Add($"a Job name has at most 63 characters: {meta.Name}");
            job = plain.Spec;
        }
        else
        {
            problems.Add($"not a Job or CronJob: {manifest.Kind}");
            return problems;
        }

        JobSpec(job, problems);
        return problems;
    }

    private static void Meta(V1ObjectMeta meta, List<string> problems, string where)
    {
        if (meta.Name is null || !KubernetesNames.IsDns1123Subdomain(meta.Name)) problems.Add($"{where}.name '{meta.Name}' is not a DNS-1123 subdomain");
        if (meta.NamespaceProperty is { } ns && !KubernetesNames.IsDns1123Label(ns)) problems.Add($"{where}.namespace '{ns}' is not a DNS-1123 label");
        if (meta.Labels is { } labels) Labels(labels, problems, where + ".labels");
        foreach (var key in meta.Annotations?.Keys ?? [])
            if (!KubernetesNames.IsQualifiedName(key)) problems.Add($"{where}.annotations key '{key}' is not a qualified name");
    }

    private static void Labels(IDictionary<string, string> labels, List<string> problems, string where)
    {
        foreach (var (key, value) in labels)
        {
            if (!KubernetesNames.IsQualifiedName(key)) problems.Add($"{where} key '{key}' is not a qualified name");
            if (!KubernetesNames.IsLabelValue(value)) problems.Add($"{where}['{key}'] value '{value}' is not a label value");
        }
    }

    private static void JobSpec(V1JobSpec job, List<string> problems)
    {
        var pod = job.Template.Spec;
        if (job.Template.Metadata?.Labels is { } podLabels) Labels(podLabels, problems, "template.metadata.labels");
        if (pod.RestartPolicy is not ("Never" or "OnFailure")) problems.Add($"a Job's restartPolicy is Never or OnFailure, not {pod.RestartPolicy}");
        if (job.BackoffLimit is < 0) problems.Add("backoffLimit < 0");
        if (job.ActiveDeadlineSeconds is <= 0) problems.Add("activeDeadlineSeconds <= 0");
        if (job.TtlSecondsAfterFinished is < 0) problems.Add("ttlSecondsAfterFinished < 0");
        if (job.Parallelism is < 0) problems.Add("parallelism < 0");

        var indexed = job.CompletionMode == "Indexed";
        if (job.CompletionMode is not (null or "NonIndexed" or "Indexed")) problems.Add($"completionMode {job.CompletionMode}");
        if (indexed && job.Completions is null) problems.Add("an Indexed Job needs completions");
        if (job.BackoffLimitPerIndex is not null && !indexed) problems.Add("backoffLimitPerIndex needs completionMode Indexed");
        if (job.BackoffLimitPerIndex is not null && job.Completions is > 100_000) problems.Add("backoffLimitPerIndex allows at most 100000 completions");

        if (job.PodFailurePolicy is { } policy)
        {
            if (pod.RestartPolicy != "Never") problems.Add("podFailurePolicy requires restartPolicy Never");
            if (policy.Rules.Count > 20) problems.Add("podFailurePolicy has more than 20 rules");
            var containers = pod.Containers.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in policy.Rules)
            {
                if (rule.Action is not ("FailJob" or "FailIndex" or "Ignore" or "Count")) problems.Add($"podFailurePolicy action {rule.Action}");
                if (rule.Action == "FailIndex" && job.BackoffLimitPerIndex is null) problems.Add("FailIndex needs backoffLimitPerIndex");
                if ((rule.OnExitCodes is null) == (rule.OnPodConditions is null)) problems.Add("a podFailurePolicy rule has exactly one of onExitCodes and onPodConditions");
                if (rule.OnExitCodes is { } codes)
                {
                    if (codes.ContainerName is { } name && !containers.Contains(name)) problems.Add($"onExitCodes.containerName {name} is no container");
                    if (codes.OperatorProperty is not ("In" or "NotIn")) problems.Add($"onExitCodes.operator {codes.OperatorProperty}");
                    if (codes.Values.Count is 0 or > 255) problems.Add("onExitCodes.values holds 1 to 255 codes");
                    if (!codes.Values.SequenceEqual(codes.Values.Distinct().Order())) problems.Add("onExitCodes.values must be sorted and unique");
                    if (codes.OperatorProperty == "In" && codes.Values.Contains(0)) problems.Add("onExitCodes In may not hold 0");
                }

                foreach (var condition in rule.OnPodConditions ?? [])
                    if (condition.Status is not ("True" or "False" or "Unknown")) problems.Add($"onPodConditions status {condition.Status}");
            }
        }

        Pod(pod, problems);
    }

    private static void Pod(V1PodSpec pod, List<string> problems)
    {
        var volumes = (pod.Volumes ?? []).Select(v => v.Name).ToList();
        foreach (var name in volumes)
            if (!KubernetesNames.IsDns1123Label(name)) problems.Add($"volume name {name}");
        if (volumes.Count != volumes.Distinct().Count()) problems.Add("volume names repeat");
        if (pod.ServiceAccountName is { } account && !KubernetesNames.IsDns1123Subdomain(account)) problems.Add($"serviceAccountName {account}");
        if (pod.SecurityContext?.RunAsNonRoot != true) problems.Add("the pod does not set runAsNonRoot");
        if (pod.SecurityContext?.RunAsUser is 0) problems.Add("runAsNonRoot with runAsUser 0");
        foreach (var toleration in pod.Tolerations ?? [])
        {
            if (toleration.OperatorProperty == "Exists" && toleration.Value is not null) problems.Add("a toleration with Exists takes no value");
            if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute") problems.Add("tolerationSeconds needs NoExecute");
        }

        foreach (var container in pod.Containers)
        {
            if (!KubernetesNames.IsDns1123Label(container.Name)) problems.Add($"container name {container.Name}");
            if (!Digest().IsMatch(container.Image ?? "")) problems.Add($"the image {container.Image} is not pinned by digest");
            var security = container.SecurityContext;
            if (security?.ReadOnlyRootFilesystem != true) problems.Add("the root filesystem is writable");
            if (security?.AllowPrivilegeEscalation != false) problems.Add("privilege escalation is allowed");
            if (security?.Capabilities?.Drop?.Contains("ALL") != true) problems.Add("capabilities are not all dropped");
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var mount in container.VolumeMounts ?? [])
            {
                if (!volumes.Contains(mount.Name)) problems.Add($"volumeMount {mount.Name} names no volume");
                if (!paths.Add(mount.MountPath)) problems.Add($"mountPath {mount.MountPath} twice");
            }

            foreach (var env in container.Env ?? [])
                if (!EnvName().IsMatch(env.Name)) problems.Add($"env name {env.Name}");
            if (container.Resources is { Limits: { } limits, Requests: { } requests })
            {
                foreach (var (name, request) in requests)
                    if (limits.TryGetValue(name, out var limit) && request.ToDecimal() > limit.ToDecimal()) problems.Add($"request {name} above its limit");
            }
        }
    }

    [GeneratedRegex("^[^@:/]+(:[0-9]+)?(/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$")]
    private static partial Regex Digest();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();
}
