using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Notebook.Diagnostics;

namespace Notebook.Build.Tasks;

/// <summary>Bridges the libraries' <see cref="IDiagnosticLog"/> to MSBuild's log, codes and locations kept.</summary>
internal sealed class TaskLog(TaskLoggingHelper log) : IDiagnosticLog
{
    public void Report(Diagnostic d)
    {
        switch (d.Severity)
        {
            case Severity.Error:
                log.LogError(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, d.Message);
                break;
            case Severity.Warning:
                log.LogWarning(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, d.Message);
                break;
            default:
                log.LogMessage(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, MessageImportance.Normal, d.Message);
                break;
        }
    }

    public void Info(string message) => log.LogMessage(MessageImportance.Normal, message);
}

/// <summary>Runs a task body so that no exception reaches the user as a stack trace.</summary>
internal static class Guarded
{
    public static bool Run(TaskLoggingHelper log, Action<IDiagnosticLog> body)
    {
        var sink = new TaskLog(log);
        try
        {
            body(sink);
        }
        catch (NotebookSdkException ex)
        {
            sink.Report(ex.Diagnostic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            sink.Report(Messages.NB6001_FileAccess.Create(ex.Message));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Report the failure as one coded line; the stack goes to the detailed log only.
            sink.Report(Messages.NB6000_InternalError.Create(ex.GetType().Name, ex.Message));
            log.LogMessage(MessageImportance.Low, ex.ToString());
        }
        return !log.HasLoggedErrors;
    }
}

/// <summary>The task log, with info messages (a lock written or refreshed) shown at high importance.</summary>
internal sealed class HighImportanceLog(IDiagnosticLog inner, TaskLoggingHelper log) : IDiagnosticLog
{
    public void Report(Diagnostic d)
    {
        if (d.Severity == Severity.Info)
            log.LogMessage(null, d.Code, null, d.File, d.Line, d.Column, 0, 0, MessageImportance.High, d.Message);
        else inner.Report(d);
    }

    public void Info(string message) => inner.Info(message);
}
