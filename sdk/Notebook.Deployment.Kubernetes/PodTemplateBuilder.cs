using System.Globalization;
using k8s.Models;
using Notebook.Deployment.Settings;
using K8sQuantity = k8s.Models.ResourceQuantity;

namespace Notebook.Deployment.Kubernetes;

/// <summary>
/// The pod of one notebook run: non-root, read-only root filesystem with emptyDirs for /tmp and the output folder, no
/// privilege escalation, every capability dropped, the RuntimeDefault seccomp profile (the "restricted" Pod Security
/// Standard), <c>restartPolicy: Never</c> (a podFailurePolicy requires it), resources from the run settings.
/// </summary>
public static class PodTemplateBuilder
{
    public const string ContainerName = "notebook";

    /// <summary>The extended resource of NVIDIA's device plugin, the one most clusters expose GPUs as.</summary>
    public const string GpuResource = "nvidia.com/gpu";

    public static V1PodTemplateSpec Build(NotebookJobSpec spec, KubernetesOptions options, IDictionary<string, string> labels)
    {
        var (uid, gid) = NumericUser(spec.User);
        var output = spec.OutputDirectory.StartsWith('/') ? spec.OutputDirectory : spec.WorkingDirectory.TrimEnd('/') + "/" + spec.OutputDirectory;
        var container = new V1Container
        {
            Name = ContainerName,
            Image = spec.Image,
            // Pinned by digest: the bytes cannot change, so a node that has them never pulls again.
            ImagePullPolicy = "IfNotPresent",
            Args = Args(spec, options),
            Env = [new V1EnvVar { Name = "NOTEBOOK_IMAGE", Value = spec.Image }],
            Resources = Resources(spec.Settings),
            VolumeMounts = [new V1VolumeMount { MountPath = "/tmp", Name = "tmp" }, new V1VolumeMount { MountPath = output.TrimEnd('/'), Name = "output" }],
            // The last lines of the log (the failing cell) become the termination message `kubectl describe` shows.
            TerminationMessagePolicy = "FallbackToLogsOnError",
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
        };

        var pod = new V1PodSpec
        {
            RestartPolicy = "Never",
            Containers = [container],
            ServiceAccountName = options.ServiceAccount,
            // A notebook talks to no API server unless the project names an account for it.
            AutomountServiceAccountToken = options.ServiceAccount is null ? false : null,
            ImagePullSecrets = options.ImagePullSecrets.Count > 0 ? [.. options.ImagePullSecrets.Select(s => new V1LocalObjectReference { Name = s })] : null,
            NodeSelector = options.NodeSelector.Count > 0 ? new Dictionary<string, string>(options.NodeSelector) : null,
            Tolerations = options.Tolerations.Count > 0 ? [.. options.Tolerations] : null,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = uid,
                RunAsGroup = gid,
                FsGroup = gid,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            Volumes =
            [
                new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
                new V1Volume { Name = "output", EmptyDir = new V1EmptyDirVolumeSource() },
            ],
        };

        return new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod };
    }

    /// <summary>nbrun's arguments: the notebook, its scheduled parameters, the timeout, where results go, the sweep.</summary>
    public static List<string> Args(NotebookJobSpec spec, KubernetesOptions options)
    {
        var args = new List<string> { spec.Notebook };
        foreach (var p in spec.Settings.Parameters) args.AddRange(["-p", $"{p.Name}={p.Value}"]);
        if (spec.Settings.Timeout is { } timeout) args.AddRange(["--timeout", timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"]);
        if (options.ResultsRepository is { } results) args.AddRange(["--push-results", results]);
        // The runner takes its set from JOB_COMPLETION_INDEX, which an Indexed Job sets in every pod.
        if (spec.Sweep is { } sweep) args.AddRange(["--sweep", sweep.PathInImage]);
        return args;
    }

    private static V1ResourceRequirements? Resources(RunSettings settings)
    {
        var amounts = new Dictionary<string, K8sQuantity>(StringComparer.Ordinal);
        if (settings.Cpu is { } cpu) amounts["cpu"] = new K8sQuantity(cpu.Text);
        if (settings.Memory is { } memory) amounts["memory"] = new K8sQuantity(memory.Text);
        if (settings.Gpu > 0) amounts[GpuResource] = new K8sQuantity(settings.Gpu.ToString(CultureInfo.InvariantCulture));
        if (amounts.Count == 0) return null;
        // Requests equal to limits: the pod gets the Guaranteed QoS class, the last to be evicted, as a batch job wants.
        return new V1ResourceRequirements
        {
            Requests = new Dictionary<string, K8sQuantity>(amounts),
            Limits = new Dictionary<string, K8sQuantity>(amounts),
        };
    }

    private static (long? Uid, long? Gid) NumericUser(string? user)
    {
        if (string.IsNullOrWhiteSpace(user)) return (null, null);
        var parts = user.Split(':', 2);
        long? uid = long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null;
        long? gid = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
        return (uid, gid);
    }
}
