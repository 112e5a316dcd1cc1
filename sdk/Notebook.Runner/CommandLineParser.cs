using System.Globalization;
using Notebook.Diagnostics;
using Notebook.Documents;
using Notebook.Documents.Structured;

namespace Notebook.Runner;

/// <summary>
/// Parses nbrun's arguments by hand (no reflection, trim-safe). Values come as <c>--opt value</c> or
/// <c>--opt=value</c>; <c>--</c> ends the options. Papermill's spellings are accepted too (<c>-p NAME VALUE</c>,
/// <c>-r</c>, <c>-f</c>, <c>-y</c>, <c>-b</c>, <c>-k</c>, <c>--cwd</c>, <c>--start-timeout</c>,
/// <c>--execution-timeout</c>, <c>--prepare-only</c>, <c>--log-output</c>, <c>--autosave-cell-every</c>, with dashes or
/// underscores). Throws <see cref="NotebookSdkException"/> (NB52xx) on bad usage.
/// </summary>
public static class CommandLineParser
{
    private delegate RunnerOptions Apply(RunnerOptions options, string value, ParseState parse);

    /// <summary>What a value option needs while it is applied: the two-word forms read the next argument.</summary>
    private sealed class ParseState(IReadOnlyList<string> args)
    {
        public int Index;
        public readonly List<ParameterArgument> Parameters = [];
        public readonly List<ParameterArgument> Raw = [];
        public readonly List<ParameterDocument> Documents = [];

        public string? Next() => Index + 1 < args.Count ? args[++Index] : null;
    }

    private sealed record ValueOption(string Example, Apply Apply);

    private static readonly Dictionary<string, ValueOption> ValueOptions = Build();

    private static readonly Dictionary<string, Func<RunnerOptions, RunnerOptions>> Flags = new(StringComparer.Ordinal)
    {
        ["--allow-errors"] = o => o with { AllowErrors = true },
        ["--list-parameters"] = o => o with { ListParameters = true },
        ["--json"] = o => o with { Json = true },
        ["--version"] = o => o with { Version = true },
        ["--help"] = o => o with { Help = true },
        ["-h"] = o => o with { Help = true },
        ["--log-output"] = o => o with { LogOutput = true },
        ["--no-log-output"] = o => o with { LogOutput = false },
        ["--prepare-only"] = o => o with { PrepareOnly = true },
        ["--no-input"] = o => o with { NoInput = true },
    };

    private static Dictionary<string, ValueOption> Build()
    {
        var options = new Dictionary<string, ValueOption>(StringComparer.Ordinal);
        void Add(string example, Apply apply, params string[] names)
        {
            foreach (var name in names) options[name] = new ValueOption(example.Replace("{opt}", name, StringComparison.Ordinal), apply);
        }

        Add("{opt} top_n=5", (o, v, p) => AddParameter(o, p, v, ParameterSource.Text), "-p", "--parameter", "--parameters");
        Add("{opt} title 'Q3 report'", (o, v, p) => AddRaw(o, p, v), "-r", "--parameter-raw", "--parameters_raw", "--parameters-raw");
        Add("{opt} api_token=API_TOKEN", (o, v, p) => AddSourced(o, p, v, ParameterSource.Environment, "{opt} api_token=API_TOKEN"), "--parameter-from-env");
        Add("{opt} api_token=/var/run/secrets/api-token", (o, v, p) => AddSourced(o, p, v, ParameterSource.File, "{opt} api_token=/var/run/secrets/api-token"), "--parameter-from-file");
        Add("{opt} params.yaml", (o, v, p) => AddDocument(o, p, ParameterDocumentKind.File, v), "--parameters-file");
        Add("{opt} params.yaml", (o, v, p) => AddDocument(o, p, ParameterDocumentKind.YamlFile, v), "-f", "--parameters_file");
        Add("{opt} 'top_n: 5'", (o, v, p) => AddDocument(o, p, ParameterDocumentKind.Yaml, v), "-y", "--parameters_yaml", "--parameters-yaml");
        Add("{opt} dG9wX246IDU=", (o, v, p) => AddDocument(o, p, ParameterDocumentKind.Base64, v), "-b", "--parameters_base64", "--parameters-base64");
        Add("{opt} sweep.yaml", (o, v, _) => o with { Sweep = v }, "--sweep");
        Add("{opt} 3", (o, v, _) => o with { SweepIndex = ParameterSources.ParseSweepIndex(v, "--sweep-index") }, "--sweep-index");
        Add("{opt} out/{run_id}", (o, v, _) => o with { OutputDirectory = v }, "--output-dir");
        Add("{opt} 2h", (o, v, _) => o with { Timeout = DurationParser.Parse(v, "--timeout") }, "--timeout");
        Add("{opt} 10m", (o, v, _) => o with { CellTimeout = DurationParser.Parse(v, "--cell-timeout") }, "--cell-timeout");
        Add("{opt} 600", (o, v, _) => o with { CellTimeout = DurationParser.Parse(v, "--execution-timeout") }, "--execution-timeout", "--execution_timeout");
        Add("{opt} 60", (o, v, _) => o with { StartTimeout = DurationParser.Parse(v, "--start-timeout") }, "--start-timeout", "--start_timeout");
        Add("{opt} python3", (o, v, _) => o with { KernelName = v }, "-k", "--kernel");
        Add("{opt} data", (o, v, _) => o with { WorkingDirectory = v }, "--cwd");
        Add("{opt} 30", (o, v, _) => o with { AutosaveInterval = ParseAutosave(v) }, "--autosave-cell-every", "--autosave_cell_every");
        Add("{opt} 20m", (o, v, _) => o with { MaxStreamOutput = ParseSize(v, "--max-stream-output") }, "--max-stream-output");
        Add("{opt} registry.example.com/team/report-runs", (o, v, _) => o with { PushResults = v }, "--push-results");
        Add("{opt} http://gateway.example.com:8888", (o, v, _) => o with { GatewayUrl = v }, "--gateway-url");
        Add("{opt} KERNEL_IMAGE=python:3.12-slim", (o, v, _) => o with { GatewayEnvironment = [.. o.GatewayEnvironment, GatewaySetup.ParseVariable(v)] }, "--gateway-env");
        return options;
    }

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new RunnerOptions();
        var parse = new ParseState(args);
        var optionsEnded = false;
        for (; parse.Index < args.Count; parse.Index++)
        {
            var arg = args[parse.Index];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                if (options.NotebookPath is not null) throw Messages.NB5205_ExtraArgument.Exception(arg, options.NotebookPath);
                options = options with { NotebookPath = arg };
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (Flags.TryGetValue(arg, out var flag))
            {
                options = flag(options);
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            if (!ValueOptions.TryGetValue(name, out var option)) throw Messages.NB5201_UnknownOption.Exception(arg);
            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (parse.Index + 1 < args.Count && !IsOption(args[parse.Index + 1]))
            {
                value = args[++parse.Index];
            }
            else
            {
                throw Messages.NB5202_MissingOptionValue.Exception(name, option.Example);
            }

            options = option.Apply(options, value, parse);
        }

        // papermill applies -r after -p, whatever their order on the command line.
        return options with
        {
            Parameters = [.. parse.Parameters, .. parse.Raw],
            ParameterDocuments = [.. parse.Documents.Where(d => d.Kind == ParameterDocumentKind.Base64),
                .. parse.Documents.Where(d => d.Kind is ParameterDocumentKind.File or ParameterDocumentKind.YamlFile),
                .. parse.Documents.Where(d => d.Kind == ParameterDocumentKind.Yaml)],
        };
    }

    // A negative number is a value, not an option ("-p n -5").
    private static bool IsOption(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) || (arg.Length > 1 && arg[0] == '-' && !char.IsDigit(arg[1]) && arg[1] != '.');

    /// <summary><c>-p NAME=VALUE</c> when the text starts with a Python name and '='; else papermill's <c>-p NAME VALUE</c>.</summary>
    private static RunnerOptions AddParameter(RunnerOptions options, ParseState parse, string text, ParameterSource source)
    {
        var equals = text.IndexOf('=');
        if (equals > 0 && PythonLiteralRenderer.IsIdentifier(text[..equals]))
        {
            parse.Parameters.Add(new(text[..equals], text[(equals + 1)..], source));
            return options;
        }

        if (!PythonLiteralRenderer.IsIdentifier(text)) throw Messages.NB5203_InvalidParameterArgument.Exception(text);
        var value = parse.Next() ?? throw Messages.NB5202_MissingOptionValue.Exception("-p " + text, $"-p {text} 5");
        parse.Parameters.Add(new(text, value, source));
        return options;
    }

    /// <summary>papermill's <c>-r NAME VALUE</c>: always two words, the value kept as text.</summary>
    private static RunnerOptions AddRaw(RunnerOptions options, ParseState parse, string name)
    {
        if (!PythonLiteralRenderer.IsIdentifier(name)) throw Messages.NB5203_InvalidParameterArgument.Exception(name);
        var value = parse.Next() ?? throw Messages.NB5202_MissingOptionValue.Exception("-r " + name, $"-r {name} 'some text'");
        parse.Raw.Add(new(name, value, ParameterSource.Raw));
        return options;
    }

    private static RunnerOptions AddSourced(RunnerOptions options, ParseState parse, string text, ParameterSource source, string example)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0 || equals == text.Length - 1 || !PythonLiteralRenderer.IsIdentifier(text[..equals]))
            throw Messages.NB5202_MissingOptionValue.Exception(source == ParameterSource.Environment ? "--parameter-from-env" : "--parameter-from-file",
                example.Replace("{opt}", source == ParameterSource.Environment ? "--parameter-from-env" : "--parameter-from-file", StringComparison.Ordinal));
        parse.Parameters.Add(new(text[..equals], text[(equals + 1)..], source));
        return options;
    }

    private static RunnerOptions AddDocument(RunnerOptions options, ParseState parse, ParameterDocumentKind kind, string text)
    {
        parse.Documents.Add(new ParameterDocument(kind, text));
        return options;
    }

    /// <summary>papermill's seconds (0 turns autosaving during a cell off), or a duration such as 10s.</summary>
    private static TimeSpan ParseAutosave(string text) =>
        text.Trim() == "0" ? TimeSpan.Zero : DurationParser.Parse(text, "--autosave-cell-every");

    /// <summary>A number of characters with an optional k, m or g (powers of 1000).</summary>
    public static int ParseSize(string text, string option)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var scale = 1L;
        if (trimmed.EndsWith('b')) trimmed = trimmed[..^1];
        if (trimmed.Length > 0 && trimmed[^1] is 'k' or 'm' or 'g')
        {
            scale = trimmed[^1] switch { 'k' => 1_000L, 'm' => 1_000_000L, _ => 1_000_000_000L };
            trimmed = trimmed[..^1];
        }

        if (!double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value * scale < 100 || value * scale > 1_000_000_000)
            throw Messages.NB5217_InvalidSize.Exception(text, option);
        return (int)(value * scale);
    }
}
