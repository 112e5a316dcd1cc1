namespace Notebook.Diagnostics;

// NB6xxx: project configuration, and failures of the SDK itself.
public static partial class Messages
{
    public static readonly MessageDescriptor NB6000_InternalError = new("NB6000", Severity.Error,
        "Notebook.Sdk failed unexpectedly ({0}: {1}). Build again with -v:detailed for the details and report it with that log.");

    public static readonly MessageDescriptor NB6001_FileAccess = new("NB6001", Severity.Error,
        "A file could not be read or written: {0}. Check that the path exists and that you may write to it.");
}
