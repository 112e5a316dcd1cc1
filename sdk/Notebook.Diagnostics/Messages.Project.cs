namespace Notebook.Diagnostics;

// NB6xxx: project configuration, and failures of the SDK itself.
public static partial class Messages
{
    public static readonly MessageDescriptor NB6000_InternalError = new("NB6000", Severity.Error,
        "Notebook.Sdk failed unexpectedly ({0}: {1}). Build again with -v:detailed for the details and report it with that log.");

    public static readonly MessageDescriptor NB6001_FileAccess = new("NB6001", Severity.Error,
        "A file could not be read or written: {0}. Check that the path exists and that you may write to it.");

    public static readonly MessageDescriptor NB6010_NoNotebookToRun = new("NB6010", Severity.Error,
        "The project has no notebook to run. Add a notebook next to the project file, or name one: <NotebookEntryPoint>report.ipynb</NotebookEntryPoint>.");

    public static readonly MessageDescriptor NB6011_SeveralNotebooksToRun = new("NB6011", Severity.Error,
        "The project has several notebooks ({0}); say which one `dotnet run` executes, for example <NotebookEntryPoint>report.ipynb</NotebookEntryPoint>.");

    public static readonly MessageDescriptor NB6012_RunnerMissing = new("NB6012", Severity.Error,
        "The notebook runner was not found at '{0}'. The Notebook.Sdk package is incomplete: restore it again, or set NotebookHostRunnerPath to an nbrun.dll.");

    public static readonly MessageDescriptor NB6013_UnknownMessage = new("NB6013", Severity.Error,
        "The targets asked for the unknown message code '{0}'. This is a defect in Notebook.Sdk; please report it.");
}
