using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents.Structured;

namespace Notebook.Deployment.Sweeps;

/// <summary>
/// A parameter sweep: a YAML (<c>.yaml</c>/<c>.yml</c>) or JSON file holding a non-empty list of parameter sets, each a
/// mapping of parameter names to values (typed later against the notebook's schema, as a parameters file is).
/// Set <c>i</c> is the run with index <c>i</c> (0-based: a Kubernetes Indexed Job's <c>JOB_COMPLETION_INDEX</c>).
/// </summary>
public sealed class SweepFile
{
    /// <summary>More sets than a Kubernetes Indexed Job may have completions (the API caps them at 100000).</summary>
    public const int MaxSets = 100_000;

    private SweepFile(string source, IReadOnlyList<JsonObject> sets)
    {
        Source = source;
        Sets = sets;
    }

    /// <summary>Where the sets came from, for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<JsonObject> Sets { get; }

    /// <summary>Reads and checks a sweep file; NB6030 when it cannot be read, NB6031 when it is not a list of mappings.</summary>
    public static SweepFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Messages.NB6030_SweepFileUnreadable.Exception(path, e.Message);
        }

        return Parse(text, path, StructuredText.IsYamlName(path));
    }

    /// <summary>Checks sweep text; <paramref name="source"/> names it in messages.</summary>
    public static SweepFile Parse(string text, string source, bool yaml)
    {
        var invalid = Messages.NB6031_SweepFileInvalid;
        var root = yaml ? StructuredText.ParseYaml(text, source, invalid) : StructuredText.ParseJson(text, source, invalid);
        if (root is not JsonArray list) throw invalid.Exception(source, $"the top level is {StructuredText.Describe(root)}, not a list");
        if (list.Count == 0) throw invalid.Exception(source, "the list is empty");
        if (list.Count > MaxSets) throw invalid.Exception(source, $"it holds {list.Count} sets, more than {MaxSets}");
        var sets = new List<JsonObject>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject set) throw invalid.Exception(source, $"set {i} (0-based) is {StructuredText.Describe(list[i])}, not a mapping");
            sets.Add(set);
        }

        return new SweepFile(source, sets);
    }

    /// <summary>The set a run with <paramref name="index"/> takes; NB6033 when the index is outside the file.</summary>
    public JsonObject this[int index] =>
        index >= 0 && index < Sets.Count ? Sets[index] : throw Messages.NB6033_SweepIndexOutOfRange.Exception(index, Source, Sets.Count, Sets.Count - 1);
}
