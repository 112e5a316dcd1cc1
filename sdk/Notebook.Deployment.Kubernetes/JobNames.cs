namespace Notebook.Deployment.Kubernetes;

/// <summary>The object and file name of a notebook's manifest.</summary>
public static class JobNames
{
    /// <summary>
    /// <c>project-notebook</c> (the notebook's path without extension, folders joined by '-'), or <c>project</c> when the
    /// notebook has the project's name; a DNS-1123 label short enough for a CronJob when <paramref name="scheduled"/>.
    /// </summary>
    public static string ObjectName(string project, string notebook, bool scheduled)
    {
        var stem = Stem(notebook);
        var text = string.Equals(KubernetesNames.ToObjectName(stem), KubernetesNames.ToObjectName(project), StringComparison.Ordinal) ? project : project + "-" + stem;
        return KubernetesNames.ToObjectName(text, scheduled ? KubernetesNames.CronJobNameMaxLength : KubernetesNames.LabelMaxLength);
    }

    /// <summary><c>reports/daily.ipynb</c> gives <c>reports-daily.yaml</c>, a file name under <c>kubernetes/</c>.</summary>
    public static string FileName(string notebook) => Stem(notebook).Replace('/', '-') + ".yaml";

    private static string Stem(string notebook)
    {
        var path = notebook.Replace('\\', '/');
        var dot = path.LastIndexOf('.');
        return dot > path.LastIndexOf('/') + 1 ? path[..dot] : path;
    }
}
