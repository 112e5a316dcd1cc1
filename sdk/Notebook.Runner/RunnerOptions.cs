namespace Notebook.Runner;

/// <summary>How a parameter's value was given on the command line.</summary>
public enum ParameterSource
{
    /// <summary><c>-p NAME=VALUE</c> or <c>-p NAME VALUE</c>: converted to the declared type (papermill's way when untyped).</summary>
    Text,

    /// <summary><c>-r NAME VALUE</c>: the text as a string, never converted (papermill's <c>--parameters_raw</c>).</summary>
    Raw,

    /// <summary><c>--parameter-from-env NAME=VARIABLE</c>: the text of an environment variable, converted like <see cref="Text"/>.</summary>
    Environment,

    /// <summary><c>--parameter-from-file NAME=PATH</c>: a file's content (a final newline dropped), converted like <see cref="Text"/>.</summary>
    File,
}

/// <summary>One parameter argument: the name, the text (for Environment and File: the variable or path) and its source.</summary>
public sealed record ParameterArgument(string Name, string Text, ParameterSource Source = ParameterSource.Text);

/// <summary>A mapping of parameter values given as a whole: a file (JSON or YAML by extension, or YAML), YAML text or base64 YAML.</summary>
public sealed record ParameterDocument(ParameterDocumentKind Kind, string Text);

public enum ParameterDocumentKind
{
    /// <summary><c>--parameters-file</c>: JSON, or YAML when the name ends in .yaml/.yml.</summary>
    File,

    /// <summary>papermill's <c>-f</c>: a YAML file (JSON is YAML too).</summary>
    YamlFile,

    /// <summary>papermill's <c>-y</c>: YAML text.</summary>
    Yaml,

    /// <summary>papermill's <c>-b</c>: base64 of YAML text.</summary>
    Base64,
}

/// <summary>What the command line asked for.</summary>
public sealed record RunnerOptions
{
    public string? NotebookPath { get; init; }

    /// <summary>Parameter values in the order given (a later value for the same name wins; <c>-r</c> values after <c>-p</c> ones, as in papermill).</summary>
    public IReadOnlyList<ParameterArgument> Parameters { get; init; } = [];

    /// <summary>Whole mappings of values, applied before <see cref="Parameters"/>: base64, files, then YAML texts (papermill's order).</summary>
    public IReadOnlyList<ParameterDocument> ParameterDocuments { get; init; } = [];

    /// <summary>A sweep file (a YAML or JSON list of parameter sets); the set <see cref="SweepIndex"/> names is applied first, under every other source.</summary>
    public string? Sweep { get; init; }

    /// <summary>The 0-based set of <see cref="Sweep"/> to run; null: <c>JOB_COMPLETION_INDEX</c> (a Kubernetes Indexed Job's pod index).</summary>
    public int? SweepIndex { get; init; }

    /// <summary>Where outputs go; may hold {notebook}, {run_id} and {started}.</summary>
    public string OutputDirectory { get; init; } = "output";

    public TimeSpan? Timeout { get; init; }

    public TimeSpan? CellTimeout { get; init; }

    /// <summary>How long the kernel may take to start (papermill's <c>--start-timeout</c>; default 60 s).</summary>
    public TimeSpan? StartTimeout { get; init; }

    public bool AllowErrors { get; init; }

    public string? KernelName { get; init; }

    /// <summary>The kernel's working directory (papermill's <c>--cwd</c>); default: the notebook's folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Every output goes to nbrun's stdout/stderr as it arrives; null: as <c>NBRUN_LOG_OUTPUT</c> says (the image sets it).</summary>
    public bool? LogOutput { get; init; }

    /// <summary>How often a running cell's notebook is saved (papermill's <c>--autosave-cell-every</c>); zero: only after cells.</summary>
    public TimeSpan AutosaveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most characters one stream output keeps.</summary>
    public int? MaxStreamOutput { get; init; }

    /// <summary>Push the results as an OCI artifact to this reference (REGISTRY/REPOSITORY[:TAG]).</summary>
    public string? PushResults { get; init; }

    /// <summary>Run the kernel on this Jupyter Server or gateway (<c>--gateway-url</c>); null: <c>JUPYTER_GATEWAY_URL</c>, else a local kernel.</summary>
    public string? GatewayUrl { get; init; }

    /// <summary>Variables for the gateway's kernel start request (<c>--gateway-env NAME=VALUE</c>), after nbrun's own <c>KERNEL_*</c> variables.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GatewayEnvironment { get; init; } = [];

    /// <summary>Inject the parameters and write the notebook, run nothing (papermill's <c>--prepare-only</c>).</summary>
    public bool PrepareOnly { get; init; }

    public bool ListParameters { get; init; }

    public bool Json { get; init; }

    /// <summary><c>--no-input</c> (nbconvert's name): the report hides every code cell's input.</summary>
    public bool NoInput { get; init; }

    public bool Help { get; init; }

    public bool Version { get; init; }
}
