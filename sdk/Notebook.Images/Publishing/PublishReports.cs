using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Writes what a publish reports outside the build log: image.json (rewritten only when its bytes change) and,
/// under GitHub Actions, step outputs and the step summary. A GitHub file that cannot be written is a warning
/// (NB4054): the image is published already.
/// </summary>
public static class PublishReports
{
    public static void Write(PublishedImage published, IDiagnosticLog log)
    {
        var inputs = published.Inputs;
        if (inputs.ImageJsonPath is { } json)
            AtomicWrite.WriteIfChanged(json, ImageReport.Serialize(ImageReport.Create(published)));

        if (inputs.GitHubActions is not { } github) return;
        var current = "";
        try
        {
            current = github.Output ?? "";
            GitHubActionsReport.Append(github.Output, GitHubActionsReport.Outputs(published));
            current = github.StepSummary ?? "";
            GitHubActionsReport.Append(github.StepSummary, GitHubActionsReport.Summary(published));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Report(Messages.NB4054_GitHubOutputFailed.Create(current, e.Message));
        }
    }
}
