using System.Text;

namespace Notebook.Images;

/// <summary>
/// Under GitHub Actions, step outputs (<c>digest</c>, <c>image</c>, <c>tags</c>) appended to $GITHUB_OUTPUT and a
/// Markdown table appended to $GITHUB_STEP_SUMMARY (docs: "Workflow commands", environment files).
/// </summary>
public static class GitHubActionsReport
{
    public static string Outputs(PublishedImage published)
    {
        var name = published.Inputs.ImageName;
        var digest = published.Image.ManifestDigest;
        return new StringBuilder()
            .Append("digest=").Append(digest).Append('\n')
            .Append("image=").Append(name).Append('@').Append(digest).Append('\n')
            .Append("tags=").Append(string.Join(',', published.Inputs.Tags.Select(t => $"{name}:{t}"))).Append('\n')
            .ToString();
    }

    public static string Summary(PublishedImage published)
    {
        var name = published.Inputs.ImageName;
        var text = new StringBuilder()
            .Append("### Image `").Append(name).Append("`\n\n")
            .Append("| reference | digest |\n|---|---|\n");
        foreach (var tag in published.Inputs.Tags)
            text.Append("| `").Append(name).Append(':').Append(tag).Append("` | `").Append(published.Image.ManifestDigest).Append("` |\n");
        if (published.Inputs.Tags.Count == 0)
            text.Append("| `").Append(name).Append("` | `").Append(published.Image.ManifestDigest).Append("` |\n");
        text.Append("\nPublished to: ").Append(string.Join(", ", published.Destinations));
        if (published.Image.BaseDigest is { } baseDigest)
            text.Append("; base `").Append(published.Image.Base!.Reference).Append("` (`").Append(baseDigest).Append("`)");
        return text.Append(".\n\n").ToString();
    }

    public static void Append(string? path, string text)
    {
        if (string.IsNullOrEmpty(path)) return;
        File.AppendAllText(path, text, new UTF8Encoding(false));
    }
}
