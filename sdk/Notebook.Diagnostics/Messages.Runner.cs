namespace Notebook.Diagnostics;

// NB5xxx: Runner. NB51xx: kernels and execution (Notebook.Execution).
public static partial class Messages
{
    public static readonly MessageDescriptor NB5101_KernelNotFound = new(
        "NB5101", Severity.Error,
        "No Jupyter kernel named '{0}' was found (searched {1}). Installed kernels: {2}. Install it (for example 'python3 -m pip install ipykernel && python3 -m ipykernel install --user') or set metadata.kernelspec.name of the notebook to one of the installed kernels.");

    public static readonly MessageDescriptor NB5102_KernelSpecInvalid = new(
        "NB5102", Severity.Error,
        "The kernelspec '{0}' is not valid: {1}. Fix kernel.json, for example {{\"argv\": [\"python3\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{{connection_file}}\"], \"display_name\": \"Python 3\", \"language\": \"python\"}}.");

    public static readonly MessageDescriptor NB5103_KernelStartFailed = new(
        "NB5103", Severity.Error,
        "The kernel '{0}' could not be started: {1}. Check that the kernelspec's argv ('{2}') runs on this machine, for example with '/usr/bin/python3 -c \"import ipykernel\"'.");

    public static readonly MessageDescriptor NB5104_KernelNotReady = new(
        "NB5104", Severity.Error,
        "The kernel '{0}' did not answer kernel_info within {1}. Kernel output: {2}. Check that the kernel starts on its own, or give it more time to start.");

    public static readonly MessageDescriptor NB5105_KernelDied = new(
        "NB5105", Severity.Error,
        "The kernel died while running cell {0} ({1}). Kernel output: {2}. Look for code that exits the process (os._exit, sys.exit in a thread) or exhausts memory, for example a very large allocation.");

    public static readonly MessageDescriptor NB5106_CellTimeout = new(
        "NB5106", Severity.Error,
        "Cell {0} ran longer than the cell timeout of {1} and was interrupted: {2}. Make the cell faster or raise the limit, for example '--cell-timeout 30m'.");

    public static readonly MessageDescriptor NB5107_NotebookTimeout = new(
        "NB5107", Severity.Error,
        "The notebook ran longer than its timeout of {0}; cell {1} was interrupted: {2}. Raise the limit, for example '--timeout 2h'.");

    public static readonly MessageDescriptor NB5108_CellFailed = new(
        "NB5108", Severity.Error,
        "Cell {0} raised {1}: {2} in: {3}. Fix the cell, tag it 'raises-exception' when the error is expected, or run with '--allow-errors'.");

    public static readonly MessageDescriptor NB5109_ExecutionCancelled = new(
        "NB5109", Severity.Error,
        "The run was cancelled while cell {0} was running; the cells run so far keep their outputs.");

    // NB52xx: the nbrun command line (Notebook.Runner).
    public static readonly MessageDescriptor NB5201_UnknownOption = new(
        "NB5201", Severity.Error,
        "Unknown option '{0}'. Run 'nbrun --help' for the options, for example 'nbrun report.ipynb -p top_n=5 --output-dir out'.");

    public static readonly MessageDescriptor NB5202_MissingOptionValue = new(
        "NB5202", Severity.Error,
        "The option '{0}' needs a value, for example '{1}'.");

    public static readonly MessageDescriptor NB5203_InvalidParameterArgument = new(
        "NB5203", Severity.Error,
        "'{0}' is not NAME=VALUE; write the parameter as for example '-p top_n=5' or '-p start_date=2026-01-01'.");

    public static readonly MessageDescriptor NB5204_InvalidDuration = new(
        "NB5204", Severity.Error,
        "'{0}' is not a duration for {1}; write for example '30s', '5m', '1h', '1500ms' or a number of seconds such as '90'.");

    public static readonly MessageDescriptor NB5205_ExtraArgument = new(
        "NB5205", Severity.Error,
        "Only one notebook can be run at a time; got '{0}' after '{1}'. Pass parameters with '-p NAME=VALUE', for example 'nbrun report.ipynb -p top_n=5'.");

    public static readonly MessageDescriptor NB5206_NotebookNotFound = new(
        "NB5206", Severity.Error,
        "The notebook '{0}' does not exist. Check the path, for example 'nbrun notebooks/report.ipynb', or set NBRUN_NOTEBOOK.");

    public static readonly MessageDescriptor NB5207_NoNotebook = new(
        "NB5207", Severity.Error,
        "No notebook to run: none was given, NBRUN_NOTEBOOK is not set and '{0}' holds no *.ipynb file. Name one, for example 'nbrun report.ipynb'.");

    public static readonly MessageDescriptor NB5208_SeveralNotebooks = new(
        "NB5208", Severity.Error,
        "'{0}' holds several notebooks ({1}); name the one to run, for example 'nbrun {2}', or set NBRUN_NOTEBOOK={2}.");

    public static readonly MessageDescriptor NB5209_ParametersFileUnreadable = new(
        "NB5209", Severity.Error,
        "The parameters file '{0}' could not be read: {1}. Check the path given to --parameters-file, for example '--parameters-file params.yaml'.");

    public static readonly MessageDescriptor NB5210_ParametersFileInvalid = new(
        "NB5210", Severity.Error,
        "The parameters file '{0}' is not valid: {1}. It must hold one mapping of parameter names to values, for example 'top_n: 5' (YAML) or '{{\"top_n\": 5}}' (JSON).");

    public static readonly MessageDescriptor NB5211_OutputWriteFailed = new(
        "NB5211", Severity.Error,
        "Could not write '{0}': {1}. Point --output-dir at a writable folder, for example '--output-dir /tmp/output'.");

    public static readonly MessageDescriptor NB5216_OutputWouldReplaceNotebook = new(
        "NB5216", Severity.Error,
        "The executed notebook would be written over '{0}' itself, because --output-dir is its folder ('{1}'). Nothing was run. Choose another folder, for example '--output-dir output'.");

    public static readonly MessageDescriptor NB5260_TempFolderNotWritable = new(
        "NB5260", Severity.Error,
        "The temporary folder '{0}' is not writable ({1}; {2}), and the kernel needs it for its connection file, HOME, IPYTHONDIR and JUPYTER_RUNTIME_DIR. Give the container a writable /tmp, for example 'docker run --read-only --tmpfs /tmp IMAGE' or, in Kubernetes, an emptyDir volume mounted at /tmp, or set TMPDIR to a writable folder, for example TMPDIR=/scratch. Nothing was run.");

    public static readonly MessageDescriptor NB5212_InvalidNotebook = new(
        "NB5212", Severity.Error,
        "The notebook '{0}' is not a valid nbformat 4 notebook and was not run (see the errors above). Fix it, for example by opening and saving it in Jupyter.");

    public static readonly MessageDescriptor NB5213_RunStoppedBySignal = new(
        "NB5213", Severity.Error,
        "nbrun received {0} and stopped the run while cell {1} was running; the partial notebook, report and run.json were written to '{2}'.");

    public static readonly MessageDescriptor NB5214_UnexpectedError = new(
        "NB5214", Severity.Error,
        "nbrun failed unexpectedly: {0}: {1}. This is a bug in Notebook.Sdk; report it with the command line and notebook that caused it.");

    public static readonly MessageDescriptor NB5217_InvalidSize = new(
        "NB5217", Severity.Error,
        "'{0}' is not a size for {1}; write a number of characters, optionally with k, m or g, for example '{1} 20m'.");

    public static readonly MessageDescriptor NB5218_ParameterSourceMissing = new(
        "NB5218", Severity.Error,
        "The parameter '{0}' was to be read from {1}, which {2}. Set it, for example with Kubernetes' 'env: [{{name: API_TOKEN, valueFrom: {{secretKeyRef: ...}}}}]', or pass the value another way.");

    public static readonly MessageDescriptor NB5219_InvalidBase64Parameters = new(
        "NB5219", Severity.Error,
        "The value of -b/--parameters_base64 is not base64 of a YAML mapping: {0}. Encode it as papermill does, for example 'nbrun report.ipynb -b \"$(printf \'top_n: 5\' | base64 -w0)\"'.");

    public static readonly MessageDescriptor NB5220_UnknownOutputPlaceholder = new(
        "NB5220", Severity.Error,
        "--output-dir '{0}' names the unknown placeholder '{{{1}}}'; the placeholders are {{notebook}}, {{run_id}} and {{started}}, for example '--output-dir out/{{notebook}}/{{run_id}}'.");

    public static readonly MessageDescriptor NB5221_WorkingDirectoryNotFound = new(
        "NB5221", Severity.Error,
        "The folder '{0}' given to --cwd does not exist. Give an existing folder for the kernel to start in, for example '--cwd data'.");

    public static readonly MessageDescriptor NB5222_RunNeverStarted = new(
        "NB5222", Severity.Warning,
        "No cell was run because the kernel did not start; the notebook written to '{0}' has its outputs and execution counts cleared, so it does not look as if it ran.");

    public static readonly MessageDescriptor NB5223_AutosaveFailed = new(
        "NB5223", Severity.Warning,
        "The notebook could not be saved during the run: {0}. The run goes on; the next save is tried after the next cell. Check the space and permissions of the output folder.");

    public static readonly MessageDescriptor NB5224_SecretOnCommandLine = new(
        "NB5224", Severity.Warning,
        "The secret parameter '{0}' was given on the command line, where other users of this machine can read it in the process list. It is kept out of every output; pass it with '--parameter-from-env {0}=VARIABLE' or '--parameter-from-file {0}=PATH' instead.");

    public static readonly MessageDescriptor NB5225_PreparedOnly = new(
        "NB5225", Severity.Info,
        "--prepare-only: the parameters were injected and the notebook written to '{0}'; no cell was run.");

    public static readonly MessageDescriptor NB5226_ResultsPushFailed = new(
        "NB5226", Severity.Error,
        "The results could not be pushed to '{0}': {1} The outputs are still in '{2}'. Check the reference and the registry's credentials (docker login, or DOCKER_CONFIG), for example '--push-results registry.example.com/team/report-runs'.");

    public static readonly MessageDescriptor NB5227_ResultsPushed = new(
        "NB5227", Severity.Info,
        "The results were pushed to {0} ({1}).");

    public static readonly MessageDescriptor NB5215_SystemExitIgnored = new(
        "NB5215", Severity.Info,
        "Cell {0} called sys.exit({1}); as papermill does, an exit with status 0 or none ends the run successfully and the cells after it were not run.");
}
