using Notebook.Diagnostics;

namespace Notebook.Deployment.Settings;

/// <summary>Passes errors on and drops warnings: for a second look at settings whose warnings were reported already.</summary>
public sealed class ErrorsOnlyLog(IDiagnosticLog inner) : IDiagnosticLog
{
    public void Report(Diagnostic diagnostic)
    {
        if (diagnostic.Severity == Severity.Error) inner.Report(diagnostic);
    }

    public void Info(string message) => inner.Info(message);
}
