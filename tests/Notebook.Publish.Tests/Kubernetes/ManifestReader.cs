using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Notebook.Diagnostics;
using Notebook.Documents.Structured;

namespace Notebook.Publish.Tests.Kubernetes;

/// <summary>Reads a manifest file back as KubernetesClient does in strict mode (an unknown field fails), and as plain JSON for kubernetes-models.</summary>
public static class ManifestReader
{
    public static IKubernetesObject<V1ObjectMeta> ReadStrict(string yaml)
    {
        var kind = StructuredText.ParseYaml(yaml, "manifest", Messages.NB6031_SweepFileInvalid)?["kind"]?.GetValue<string>();
        return kind switch
        {
            "Job" => KubernetesYaml.Deserialize<V1Job>(yaml, strict: true),
            "CronJob" => KubernetesYaml.Deserialize<V1CronJob>(yaml, strict: true),
            _ => throw new InvalidOperationException($"a manifest of kind {kind}"),
        };
    }

    /// <summary>The YAML as JSON with the YAML 1.2 core schema, as the API server's YAML decoder reads it.</summary>
    public static JsonNode Json(string yaml) => StructuredText.ParseYaml(yaml, "manifest", Messages.NB6031_SweepFileInvalid)!;
}
