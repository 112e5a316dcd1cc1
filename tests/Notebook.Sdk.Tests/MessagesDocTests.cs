using System.Text;
using Notebook.Diagnostics;

namespace Notebook.Sdk.Tests;

/// <summary>docs/messages.md lists every NBnnnn message exactly as the message table holds it.</summary>
public sealed class MessagesDocTests
{
    private static readonly string s_path = Path.Combine(Repo.Root, "docs", "messages.md");

    [Fact]
    public void Messages_doc_is_current()
    {
        var expected = Render();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            File.WriteAllText(s_path, expected);

        File.Exists(s_path).ShouldBeTrue("docs/messages.md is missing: run the tests once with UPDATE_DOCS=1");
        File.ReadAllText(s_path).ShouldBe(expected, "docs/messages.md is stale: run the tests once with UPDATE_DOCS=1");
    }

    private static string Render()
    {
        var areas = new[] { "Notebooks", "Parameters", "Dependencies and lock", "Images and registries", "Runner and kernels", "Project configuration" };
        var text = new StringBuilder();
        text.AppendLine("# Messages");
        text.AppendLine();
        text.AppendLine("Every error and warning Notebook.Sdk reports has a code. This page is generated from");
        text.AppendLine("`sdk/Notebook.Diagnostics/Messages.*.cs` by `tests/Notebook.Sdk.Tests/MessagesDocTests.cs`");
        text.AppendLine("(run the tests with `UPDATE_DOCS=1` to refresh it). `{0}`, `{1}`... stand for the details of each case.");
        foreach (var group in Messages.All.GroupBy(m => m.Code[2]))
        {
            text.AppendLine();
            text.AppendLine($"## NB{group.Key}xxx: {areas[group.Key - '1']}");
            text.AppendLine();
            text.AppendLine("| code | severity | text |");
            text.AppendLine("|---|---|---|");
            foreach (var m in group)
                text.AppendLine($"| {m.Code} | {m.Severity.ToString().ToLowerInvariant()} | {m.Format.Replace("|", "\\|").Replace("{{", "{").Replace("}}", "}")} |");
        }
        return text.ToString();
    }
}
