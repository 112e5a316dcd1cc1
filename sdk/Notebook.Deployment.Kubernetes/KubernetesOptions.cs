namespace Notebook.Deployment.Kubernetes;

/// <summary>A toleration as written (a <c>NotebookKubernetesToleration</c> item); checked by <see cref="KubernetesOptionsParser"/>.</summary>
public sealed record TolerationInput(string Key, string? Operator, string? Value, string? Effect, string? TolerationSeconds);

/// <summary>Where and how the project's Jobs run on a cluster, the same for every notebook of the project.</summary>
public sealed record KubernetesOptions
{
    /// <summary>What a finished Job is kept for, when nothing is set: a day, time to read its logs.</summary>
    public const int DefaultTtlSecondsAfterFinished = 86_400;

    /// <summary>metadata.namespace; null leaves it to <c>kubectl apply -n</c> or the current context.</summary>
    public string? Namespace { get; init; }

    public string? ServiceAccount { get; init; }

    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<k8s.Models.V1Toleration> Tolerations { get; init; } = [];

    /// <summary>Seconds a finished Job (not a CronJob's, whose history limits keep them) stays before it is deleted.</summary>
    public int TtlSecondsAfterFinished { get; init; } = DefaultTtlSecondsAfterFinished;

    /// <summary>REGISTRY/REPOSITORY[:TAG] each run pushes its results to (nbrun <c>--push-results</c>); null for none.</summary>
    public string? ResultsRepository { get; init; }
}
