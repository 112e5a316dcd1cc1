using System.Globalization;
using k8s.Models;
using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Deployment.Kubernetes;

/// <summary>The raw project settings of the manifests; <see cref="KubernetesOptionsParser.Parse"/> checks them.</summary>
public sealed record RawKubernetesOptions
{
    public string? Namespace { get; init; }

    public string? ServiceAccount { get; init; }

    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> NodeSelector { get; init; } = [];

    public IReadOnlyList<TolerationInput> Tolerations { get; init; } = [];

    public string? TtlSecondsAfterFinished { get; init; }

    public string? ResultsRepository { get; init; }
}

/// <summary>
/// Checks the project's Kubernetes settings by the API server's rules before any manifest is written
/// (NB6034-NB6040), so <c>kubectl apply</c> never refuses what publish wrote for a name or a toleration.
/// </summary>
public static class KubernetesOptionsParser
{
    private static readonly string[] Operators = ["Equal", "Exists"];
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static KubernetesOptions? Parse(RawKubernetesOptions raw, IDiagnosticLog log)
    {
        var failed = false;
        void Fail(Diagnostic d)
        {
            failed = true;
            log.Report(d);
        }

        var ns = Trimmed(raw.Namespace);
        if (ns is not null && !KubernetesNames.IsDns1123Label(ns)) Fail(Messages.NB6034_KubernetesNameInvalid.Create("NotebookKubernetesNamespace", ns, "a DNS-1123 label"));
        var account = Trimmed(raw.ServiceAccount);
        if (account is not null && !KubernetesNames.IsDns1123Subdomain(account)) Fail(Messages.NB6034_KubernetesNameInvalid.Create("NotebookKubernetesServiceAccount", account, "a DNS-1123 subdomain"));
        var secrets = raw.ImagePullSecrets.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var secret in secrets.Where(s => !KubernetesNames.IsDns1123Subdomain(s)))
            Fail(Messages.NB6034_KubernetesNameInvalid.Create("NotebookKubernetesImagePullSecrets", secret, "a DNS-1123 subdomain"));

        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in raw.NodeSelector)
        {
            var k = key.Trim();
            var v = value.Trim();
            if (!KubernetesNames.IsQualifiedName(k)) Fail(Messages.NB6035_NodeSelectorInvalid.Create(k, v, "the key is not a label key"));
            else if (!KubernetesNames.IsLabelValue(v)) Fail(Messages.NB6035_NodeSelectorInvalid.Create(k, v, "the value is not a label value"));
            else if (!selector.TryAdd(k, v)) Fail(Messages.NB6035_NodeSelectorInvalid.Create(k, v, "the key is given twice"));
        }

        var tolerations = new List<V1Toleration>();
        foreach (var input in raw.Tolerations)
        {
            if (Toleration(input, out var reason) is { } toleration) tolerations.Add(toleration);
            else Fail(Messages.NB6036_TolerationInvalid.Create(input.Key, reason));
        }

        var ttl = KubernetesOptions.DefaultTtlSecondsAfterFinished;
        if (Trimmed(raw.TtlSecondsAfterFinished) is { } ttlText
            && !(int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out ttl) && ttl >= 0))
        {
            Fail(Messages.NB6037_TtlInvalid.Create(ttlText));
        }

        var results = Trimmed(raw.ResultsRepository);
        if (results is not null)
        {
            try
            {
                _ = ImageReference.Parse(results);
            }
            catch (NotebookSdkException e)
            {
                Fail(Messages.NB6038_ResultsRepositoryInvalid.Create(results, e.Diagnostic.Message));
            }
        }

        return failed ? null : new KubernetesOptions
        {
            Namespace = ns,
            ServiceAccount = account,
            ImagePullSecrets = secrets,
            NodeSelector = selector,
            Tolerations = tolerations,
            TtlSecondsAfterFinished = ttl,
            ResultsRepository = results,
        };
    }

    // The API server's validateTolerations (core/validation).
    private static V1Toleration? Toleration(TolerationInput input, out string reason)
    {
        reason = "";
        var key = input.Key.Trim();
        var op = Trimmed(input.Operator) ?? "Equal";
        var value = Trimmed(input.Value);
        var effect = Trimmed(input.Effect);
        if (!Operators.Contains(op, StringComparer.Ordinal)) reason = $"the Operator '{op}' is neither Equal nor Exists";
        else if (key.Length > 0 && !KubernetesNames.IsQualifiedName(key)) reason = "the key is not a label key";
        else if (key.Length == 0 && op != "Exists") reason = "an empty key (every taint) needs Operator=\"Exists\"";
        else if (op == "Exists" && value is not null) reason = "Operator=\"Exists\" takes no Value";
        else if (value is not null && !KubernetesNames.IsLabelValue(value)) reason = "the Value is not a label value";
        else if (effect is not null && !Effects.Contains(effect, StringComparer.Ordinal)) reason = $"the Effect '{effect}' is not NoSchedule, PreferNoSchedule or NoExecute";

        long? seconds = null;
        if (reason.Length == 0 && Trimmed(input.TolerationSeconds) is { } text)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)) reason = $"TolerationSeconds '{text}' is not a whole number";
            else if (effect != "NoExecute") reason = "TolerationSeconds needs Effect=\"NoExecute\"";
            else seconds = s;
        }

        return reason.Length > 0 ? null : new V1Toleration
        {
            Key = key.Length > 0 ? key : null,
            OperatorProperty = op,
            Value = value,
            Effect = effect,
            TolerationSeconds = seconds,
        };
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
