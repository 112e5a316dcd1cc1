using Notebook.Diagnostics;

namespace Notebook.Build.Tasks.Deployment;

/// <summary>Points messages that carry no file at the project file, where the settings they name are written.</summary>
internal sealed class LocatedLog(IDiagnosticLog inner, string? file) : IDiagnosticLog
{
    public void Report(Diagnostic diagnostic) =>
        inner.Report(diagnostic.File is null && !string.IsNullOrEmpty(file) ? diagnostic.WithLocation(file) : diagnostic);

    public void Info(string message) => inner.Info(message);
}
