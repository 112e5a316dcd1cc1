using System.Globalization;
using System.Text.Json.Nodes;
using Notebook.Deployment.Sweeps;
using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Deployment.Settings;

/// <summary>One notebook's run settings as written, with its sweep file (null for none).</summary>
public sealed record NotebookRunInput(string Notebook, RawRunSettings Settings, string? SweepFile = null);

/// <summary>A notebook's validated settings and sweep.</summary>
public sealed record NotebookRunPlan(string Notebook, RunSettings Settings, SweepFile? Sweep);

/// <summary>
/// The run settings of every notebook of a project: the project-wide defaults are checked once (errors name the
/// project), then each notebook's own values over them (errors name the notebook); sweep files are read and checked.
/// </summary>
public static class ProjectRunSettings
{
    /// <summary>The image annotation (and config label) that carries every notebook's settings, keyed by notebook.</summary>
    public const string AnnotationKey = "dev.notebook-sdk.run-settings";

    public const string ProjectOwner = "the project default";

    public const int MaxSweepConcurrency = 10_000;

    /// <summary>The plans, or null when any setting is an error (every error reported).</summary>
    public static IReadOnlyList<NotebookRunPlan>? Resolve(RawRunSettings defaults, IReadOnlyList<NotebookRunInput> notebooks, IDiagnosticLog log)
    {
        // The defaults' warnings (TimeZone without Schedule) are reported per notebook, where they take effect.
        if (RunSettingsParser.Parse(defaults, ProjectOwner, new ErrorsOnlyLog(log)) is null) return null;
        var plans = new List<NotebookRunPlan>();
        var failed = false;
        foreach (var notebook in notebooks.OrderBy(n => n.Notebook, StringComparer.Ordinal))
        {
            var settings = RunSettingsParser.Parse(notebook.Settings.Over(defaults), notebook.Notebook, log);
            SweepFile? sweep = null;
            if (!string.IsNullOrWhiteSpace(notebook.SweepFile))
            {
                try
                {
                    sweep = SweepFile.Read(notebook.SweepFile);
                }
                catch (NotebookSdkException e)
                {
                    log.Report(e.Diagnostic);
                    failed = true;
                }
            }

            if (settings is null) failed = true;
            else plans.Add(new NotebookRunPlan(notebook.Notebook, settings, sweep));
        }

        return failed ? null : plans;
    }

    /// <summary>NotebookSweepConcurrency: empty is 1 (one set after the other); NB6032 otherwise.</summary>
    public static int? SweepConcurrency(string? text, IDiagnosticLog log)
    {
        if (string.IsNullOrWhiteSpace(text)) return 1;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxSweepConcurrency) return value;
        log.Report(Messages.NB6032_SweepConcurrencyInvalid.Create(text));
        return null;
    }

    /// <summary>The annotation value: canonical JSON (sorted keys, no whitespace), so the image digest never depends on order.</summary>
    public static string Annotation(IReadOnlyList<NotebookRunPlan> plans)
    {
        var json = new JsonObject();
        foreach (var plan in plans.OrderBy(p => p.Notebook, StringComparer.Ordinal))
        {
            var settings = RunSettingsJson.ToJson(plan.Settings);
            if (plan.Sweep is { } sweep) settings["sweepSets"] = sweep.Sets.Count;
            json[plan.Notebook] = settings;
        }

        return System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(json));
    }
}
