using System.Globalization;
using System.Text;
using Notebook.Diagnostics;

namespace Notebook.Runner;

/// <summary>
/// Where one run's outputs go: <c>--output-dir</c> with its placeholders filled in: <c>{notebook}</c> (the notebook's
/// name without extension), <c>{run_id}</c> (this run's id, also in run.json) and <c>{started}</c> (UTC,
/// <c>yyyyMMddTHHmmssZ</c>). Two runs with <c>out/{run_id}</c> never share a folder.
/// </summary>
public sealed record OutputLayout(string Directory, string Name)
{
    public string Notebook => Path.Combine(Directory, Name + ".ipynb");

    public string Report => Path.Combine(Directory, Name + ".html");

    public string RunJson => Path.Combine(Directory, "run.json");

    /// <summary>A new run id: a version 7 UUID (time-ordered, so folders named by it sort by start), 32 hex digits.</summary>
    public static string NewRunId() => Guid.CreateVersion7().ToString("N", CultureInfo.InvariantCulture);

    public static string Expand(string template, string notebookName, string runId, DateTimeOffset started)
    {
        var result = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var close = template[i] == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                result.Append(template[i]);
                continue;
            }

            var name = template[(i + 1)..close];
            result.Append(name switch
            {
                "notebook" => notebookName,
                "run_id" => runId,
                "started" => started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
                _ => throw Messages.NB5220_UnknownOutputPlaceholder.Exception(template, name),
            });
            i = close;
        }

        return result.ToString();
    }
}
