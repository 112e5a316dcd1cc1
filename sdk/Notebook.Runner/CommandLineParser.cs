using Notebook.Diagnostics;

namespace Notebook.Runner;

/// <summary>
/// Parses nbrun's arguments by hand (no reflection, trim-safe). Values come as <c>--opt value</c> or
/// <c>--opt=value</c>; parameters as <c>-p NAME=VALUE</c>, <c>-p=NAME=VALUE</c> or <c>--parameter NAME=VALUE</c>;
/// <c>--</c> ends the options. Throws <see cref="NotebookSdkException"/> (NB52xx) on bad usage.
/// </summary>
public static class CommandLineParser
{
    private static readonly Dictionary<string, string> ValueExamples = new(StringComparer.Ordinal)
    {
        ["-p"] = "-p top_n=5",
        ["--parameter"] = "--parameter top_n=5",
        ["--parameters-file"] = "--parameters-file params.yaml",
        ["--output-dir"] = "--output-dir out",
        ["--timeout"] = "--timeout 2h",
        ["--cell-timeout"] = "--cell-timeout 10m",
        ["--kernel"] = "--kernel python3",
    };

    private static readonly HashSet<string> Flags =
        ["--allow-errors", "--list-parameters", "--json", "--help", "-h", "--version", "--no-input"];

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new RunnerOptions();
        var parameters = new List<KeyValuePair<string, string>>();
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
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

            if (Flags.Contains(arg))
            {
                options = arg switch
                {
                    "--allow-errors" => options with { AllowErrors = true },
                    "--list-parameters" => options with { ListParameters = true },
                    "--json" => options with { Json = true },
                    "--version" => options with { Version = true },
                    "--no-input" => options with { NoInput = true },
                    _ => options with { Help = true },
                };
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            if (!ValueExamples.TryGetValue(name, out var example)) throw Messages.NB5201_UnknownOption.Exception(arg);
            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw Messages.NB5202_MissingOptionValue.Exception(name, example);
            }

            options = name switch
            {
                "-p" or "--parameter" => AddParameter(options, parameters, value),
                "--parameters-file" => options with { ParametersFile = value },
                "--output-dir" => options with { OutputDirectory = value },
                "--timeout" => options with { Timeout = DurationParser.Parse(value, "--timeout") },
                "--cell-timeout" => options with { CellTimeout = DurationParser.Parse(value, "--cell-timeout") },
                _ => options with { KernelName = value },
            };
        }

        return options with { Parameters = parameters };
    }

    private static RunnerOptions AddParameter(RunnerOptions options, List<KeyValuePair<string, string>> parameters, string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw Messages.NB5203_InvalidParameterArgument.Exception(text);
        parameters.Add(new(text[..equals], text[(equals + 1)..]));
        return options;
    }
}
