using System.Text;
using Notebook.Diagnostics;

namespace Notebook.Deployment.Kubernetes;

/// <summary>
/// Writes one manifest per notebook into a folder (<c>kubectl apply -f FOLDER</c>), each file atomically and only when
/// its bytes change; removes the manifests this SDK wrote earlier for notebooks that are gone, so an apply never
/// brings back a renamed notebook's Job. Two notebooks that would share an object or file name are NB6040.
/// </summary>
public static class ManifestFolderWriter
{
    /// <summary>The written (or unchanged) files, or null when names collide.</summary>
    public static IReadOnlyList<string>? Write(string directory, IReadOnlyList<NotebookJobSpec> specs, KubernetesOptions options, IDiagnosticLog log)
    {
        var files = new Dictionary<string, (string Notebook, string Yaml)>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var manifest = JobManifestBuilder.Build(spec, options);
            var name = manifest.Metadata.Name;
            var file = JobNames.FileName(spec.Notebook);
            var clash = names.TryGetValue(name, out var other) ? (other, name)
                : files.TryGetValue(file, out var taken) ? (taken.Notebook, file)
                : ((string, string)?)null;
            if (clash is var (first, what))
            {
                log.Report(Messages.NB6040_ManifestNamesCollide.Create(first, spec.Notebook, what));
                return null;
            }

            names[name] = spec.Notebook;
            files[file] = (spec.Notebook, JobManifestBuilder.ToYaml(manifest));
        }

        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, "*.yaml"))
        {
            if (!files.ContainsKey(Path.GetFileName(stale)) && IsOurs(stale)) File.Delete(stale);
        }

        var written = new List<string>();
        foreach (var (file, (_, yaml)) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, file);
            var bytes = Encoding.UTF8.GetBytes(yaml);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) AtomicWrite.WriteAllBytes(path, bytes);
            written.Add(path);
        }

        return written;
    }

    private static bool IsOurs(string path)
    {
        try
        {
            return File.ReadAllText(path).Contains("app.kubernetes.io/managed-by: Notebook.Sdk", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
