namespace Notebook.Runner;

/// <summary>The text of <c>nbrun --help</c>.</summary>
public static class HelpText
{
    public const string Hint = "Run 'nbrun --help' for usage.";

    public const string Usage = """
        Usage: nbrun [NOTEBOOK] [options]
               nbrun swarm --image REF --output-dir DIR [options] -- [NOTEBOOK] [options]   (nbrun swarm --help)

        Runs a Jupyter notebook headless and writes the executed notebook, an HTML report and run.json.

        NOTEBOOK                     the notebook to run; default: $NBRUN_NOTEBOOK, else the only *.ipynb here

        Options:
          -p, --parameter NAME=VALUE  set a parameter (repeatable); also papermill's '-p NAME VALUE'; converted to the
                                      declared type (an untyped parameter converts as papermill's -p does)
          -r, --parameters_raw NAME VALUE
                                      set a parameter to the text VALUE, never converted (papermill's -r)
          --parameter-from-env NAME=VARIABLE
                                      take a parameter's value from an environment variable (a Kubernetes Secret)
          --parameter-from-file NAME=PATH
                                      take a parameter's value from a file (a mounted Secret; a final newline is dropped)
          --parameters-file FILE      values from a JSON or YAML (.yaml, .yml) mapping; -p overrides
          -f, --parameters_file FILE  values from a YAML file (papermill's -f)
          -y, --parameters_yaml YAML  values from YAML text (papermill's -y)
          -b, --parameters_base64 B64 values from base64 YAML text (papermill's -b)
          --sweep FILE                take the parameter set --sweep-index names from this YAML or JSON list of sets
                                      (under every other source of values)
          --sweep-index N             the 0-based set of --sweep (default: $JOB_COMPLETION_INDEX, as in a Kubernetes
                                      Indexed Job)
          --output-dir DIR            where outputs go (default: ./output); may hold {notebook}, {run_id}, {started}
          --timeout DURATION          limit for the whole run, for example 2h, 30m, 90s, 1500ms, or seconds
          --cell-timeout DURATION     limit for each cell (papermill's --execution-timeout is the same)
          --start-timeout DURATION    limit for the kernel to start (default 60s)
          --allow-errors              keep running after a cell raises
          -k, --kernel NAME           kernelspec to use (default: the notebook's kernelspec, else python3)
          --cwd DIR                   the kernel's working folder (default: the notebook's folder)
          --log-output                write every output to stdout/stderr as it arrives (on when NBRUN_LOG_OUTPUT=1,
                                      as in the image); --no-log-output turns it off
          --autosave-cell-every SECS  save the notebook this often during a long cell (default 30; 0: only after cells)
          --max-stream-output SIZE    most characters one stream output keeps, head and tail (default 2m)
          --push-results REF          push notebook, report and run.json as an OCI artifact to REGISTRY/REPOSITORY[:TAG]
          --gateway-url URL           run the kernel on this Jupyter Server or Enterprise/Kernel Gateway (default:
                                      $JUPYTER_GATEWAY_URL; token from $JUPYTER_GATEWAY_AUTH_TOKEN)
          --gateway-env NAME=VALUE    a variable for the gateway's kernel start request, for example
                                      KERNEL_IMAGE=python:3.12-slim (repeatable; nbrun's own KERNEL_* variables go too)
          --prepare-only              inject the parameters and write the notebook; run nothing
          --list-parameters           print the parameters the notebook accepts and exit (with --json: its JSON schema)
          --json                      also print run.json on stdout
          --no-input                  hide the code of every cell in the HTML report (default: NOTEBOOK_REPORT_NO_INPUT=true)
          --version                   print the SDK version
          -h, --help                  print this help

        Exit codes: 0 ok, 1 a cell raised, 2 bad parameters or usage, 3 kernel failed to start or died,
                    4 timeout, 5 the run succeeded but its results could not be pushed,
                    130 interrupted (SIGINT), 143 terminated (SIGTERM).
        """;
}
