namespace Notebook.Runner;

/// <summary>What the command line asked for.</summary>
public sealed record RunnerOptions
{
    public string? NotebookPath { get; init; }

    /// <summary><c>-p NAME=VALUE</c> in the order given (a later value for the same name wins).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    public string? ParametersFile { get; init; }

    public string OutputDirectory { get; init; } = "output";

    public TimeSpan? Timeout { get; init; }

    public TimeSpan? CellTimeout { get; init; }

    public bool AllowErrors { get; init; }

    public string? KernelName { get; init; }

    public bool ListParameters { get; init; }

    public bool Json { get; init; }

    /// <summary><c>--no-input</c> (nbconvert's name): the report hides every code cell's input.</summary>
    public bool NoInput { get; init; }

    public bool Help { get; init; }

    public bool Version { get; init; }
}
