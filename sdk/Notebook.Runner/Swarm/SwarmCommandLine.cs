using System.Globalization;
using Notebook.Diagnostics;
using Notebook.Documents.Structured;

namespace Notebook.Runner.Swarm;

/// <summary>
/// Parses <c>nbrun swarm [options] [--] RUNNER-ARGS</c>, table-driven like <see cref="CommandLineParser"/>: its own
/// options first; the first argument that is not one of them (or everything after <c>--</c>) goes to the runner in
/// the task, as <c>docker run IMAGE ARGS</c> does.
/// </summary>
public static class SwarmCommandLine
{
    private static readonly Dictionary<string, Func<SwarmOptions, string, SwarmOptions>> ValueOptions = new(StringComparer.Ordinal)
    {
        ["--image"] = (o, v) => o with { Image = v },
        ["--output-dir"] = (o, v) => o with { OutputDirectory = v },
        ["--results"] = (o, v) => o with { ResultsRepository = v },
        ["--cpu"] = (o, v) => o with { Cpu = v },
        ["--memory"] = (o, v) => o with { Memory = v },
        ["--retries"] = (o, v) => o with { Retries = WholeNumber(v, "--retries", 0) },
        ["--network"] = (o, v) => o with { Network = v },
        ["--schedule-timeout"] = (o, v) => o with { ScheduleTimeout = DurationParser.Parse(v, "--schedule-timeout") },
        ["--sweep"] = (o, v) => o with { Sweep = v },
        ["--sweep-concurrency"] = (o, v) => o with { SweepConcurrency = WholeNumber(v, "--sweep-concurrency", 1) },
    };

    public static SwarmOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SwarmOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") return options with { RunnerArgs = args.Skip(i + 1).ToList() };
            if (arg is "--help" or "-h") return options with { Help = true };
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            if (!ValueOptions.TryGetValue(name, out var apply)) return options with { RunnerArgs = args.Skip(i).ToList() };
            var value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : throw Messages.NB5202_MissingOptionValue.Exception(name, $"nbrun swarm {name} VALUE");
            options = apply(options, value);
        }
        return options;
    }

    private static int WholeNumber(string text, string option, int minimum) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw Messages.NB5292_SwarmUsage.Exception($"{option} as a whole number from {minimum} up (not '{text}')");

    public const string Usage = """
        Usage: nbrun swarm --image REGISTRY/REPOSITORY@sha256:... --output-dir DIR [options] [--] NOTEBOOK [runner options]

        Runs the notebook image as a replicated-job service on the Docker Swarm behind DOCKER_HOST (a manager), shows
        its output, brings its results back from the registry into DIR and exits with the runner's exit code.
        'dotnet run -p:NotebookRunIn=Swarm' pushes the image and calls this.

        Options:
          --image REF                 the image, by digest (every node runs the same bytes)
          --output-dir DIR            where the executed notebook, report and run.json come back to
          --results REGISTRY/REPO     where the task pushes its results (default: the image's repository)
          --cpu QUANTITY              CPU limit and reservation, for example 500m or 2
          --memory QUANTITY           memory limit and reservation, for example 512Mi or 2Gi
          --retries N                 run again after exit codes other than 0, 1, 2 and 4 (default 2)
          --network NAME              attach the task to this network (for example host)
          --schedule-timeout DURATION how long the task may wait for a node that can take it (default 5m)
          --sweep FILE                one task per parameter set of this YAML or JSON list; results in DIR/N/
          --sweep-concurrency K       at most K sets at a time (default 1)
        """;
}
