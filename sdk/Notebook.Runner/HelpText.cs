namespace Notebook.Runner;

/// <summary>The text of <c>nbrun --help</c>.</summary>
public static class HelpText
{
    public const string Hint = "Run 'nbrun --help' for usage.";

    public const string Usage = """
        Usage: nbrun [NOTEBOOK] [options]

        Runs a Jupyter notebook headless and writes the executed notebook, an HTML report and run.json.

        NOTEBOOK                     the notebook to run; default: $NBRUN_NOTEBOOK, else the only *.ipynb here

        Options:
          -p, --parameter NAME=VALUE  set a parameter (repeatable); the value is converted to the declared type
          --parameters-file FILE      parameter values from a JSON or YAML (.yaml, .yml) mapping; -p overrides
          --output-dir DIR            where outputs go (default: ./output)
          --timeout DURATION          limit for the whole run, for example 2h, 30m, 90s, 1500ms, or seconds
          --cell-timeout DURATION     limit for each cell
          --allow-errors              keep running after a cell raises
          --kernel NAME               kernelspec to use (default: the notebook's kernelspec, else python3)
          --list-parameters           print the parameters the notebook accepts and exit (with --json: its JSON schema)
          --json                      also print run.json on stdout
          --no-input                  hide the code of every cell in the HTML report (default: NOTEBOOK_REPORT_NO_INPUT=true)
          --version                   print the SDK version
          -h, --help                  print this help

        Exit codes: 0 ok, 1 a cell raised, 2 bad parameters or usage, 3 kernel failed to start or died,
                    4 timeout, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
        """;
}
