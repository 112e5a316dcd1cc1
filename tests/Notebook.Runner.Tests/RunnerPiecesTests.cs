using Notebook.Diagnostics;
using Notebook.Documents;
using Shouldly;
using Xunit;

namespace Notebook.Runner.Tests;

/// <summary>In-process checks of the runner's production pieces that need no kernel.</summary>
public sealed class RunnerPiecesTests
{
    [Fact]
    public void Papermill_forms_parse_to_parameters_in_papermills_order()
    {
        var options = CommandLineParser.Parse(
        [
            "nb.ipynb", "-r", "raw", "5", "-p", "two", "words here", "-p", "one=x=y", "-p", "neg", "-5", "-y", "a: 1", "-b", "YjogMg==",
            "-f", "p.yaml", "--parameter-from-env", "token=API_TOKEN", "--parameter-from-file", "key=/run/key", "-k", "python",
            "--cwd", "data", "--start-timeout", "90", "--execution-timeout", "600", "--prepare-only", "--log-output",
            "--autosave-cell-every", "0", "--max-stream-output", "2m", "--push-results", "localhost:5000/runs",
        ]);

        options.Parameters.ShouldBe([
            new("two", "words here"), new("one", "x=y"), new("neg", "-5"), new("token", "API_TOKEN", ParameterSource.Environment),
            new("key", "/run/key", ParameterSource.File), new("raw", "5", ParameterSource.Raw)]);
        options.ParameterDocuments.Select(d => d.Kind).ShouldBe([ParameterDocumentKind.Base64, ParameterDocumentKind.YamlFile, ParameterDocumentKind.Yaml]);
        options.KernelName.ShouldBe("python");
        options.WorkingDirectory.ShouldBe("data");
        options.StartTimeout.ShouldBe(TimeSpan.FromSeconds(90));
        options.CellTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        options.PrepareOnly.ShouldBeTrue();
        options.LogOutput.ShouldBe(true);
        options.AutosaveInterval.ShouldBe(TimeSpan.Zero);
        options.MaxStreamOutput.ShouldBe(2_000_000);
        options.PushResults.ShouldBe("localhost:5000/runs");
        CommandLineParser.Parse(["--no-log-output"]).LogOutput.ShouldBe(false);
        CommandLineParser.Parse([]).LogOutput.ShouldBeNull();
    }

    [Theory]
    [InlineData("NB5202", "-r", "name")]
    [InlineData("NB5203", "-r", "not a name", "x")]
    [InlineData("NB5202", "--parameter-from-env", "token")]
    [InlineData("NB5202", "--parameter-from-file", "=path")]
    [InlineData("NB5217", "--max-stream-output", "lots")]
    [InlineData("NB5217", "--max-stream-output", "10")]
    [InlineData("NB5204", "--autosave-cell-every", "-1")]
    public void Bad_papermill_forms_are_coded(string code, params string[] args) =>
        Should.Throw<NotebookSdkException>(() => CommandLineParser.Parse(args)).Code.ShouldBe(code);

    [Fact]
    public void Output_placeholders_expand_and_unknown_ones_are_NB5220()
    {
        var started = new DateTimeOffset(2026, 12, 1, 6, 5, 4, TimeSpan.FromHours(2));
        OutputLayout.Expand("out/{notebook}/{started}-{run_id}", "report", "abc", started).ShouldBe("out/report/20261201T040504Z-abc");
        OutputLayout.Expand("plain{", "n", "r", started).ShouldBe("plain{");
        Should.Throw<NotebookSdkException>(() => OutputLayout.Expand("out/{user}", "n", "r", started)).Code.ShouldBe("NB5220");
        OutputLayout.NewRunId().ShouldMatch("^[0-9a-f]{32}$");
        OutputLayout.NewRunId().ShouldNotBe(OutputLayout.NewRunId());
    }

    [Fact]
    public void Secrets_are_marked_in_the_schema_masked_in_text_and_read_from_the_environment()
    {
        var notebook = NotebookReader.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": null, "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [],
              "source": "token = \"\"  # secret: the API token\nkeys: list = []  # type: list secret\nplain = 1  # secretive, not secret"}],
             "metadata": {"kernelspec": {"name": "python3", "display_name": "P", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
            """, "nb.ipynb");
        var (schema, _) = ParameterSchemaParser.Parse(notebook, "nb.ipynb");
        schema.Find("token")!.Secret.ShouldBeTrue();
        schema.Find("token")!.Description.ShouldBe("the API token");
        schema.Find("plain")!.Secret.ShouldBeFalse();
        ParameterSchema.FromJson(schema.ToJson()).Find("token")!.Secret.ShouldBeTrue();

        var bound = ParameterBinder.Bind(schema, [new("token", "hunter22"), new("plain", "2")]);
        var warnings = new List<Diagnostic>();
        var secrets = SecretParameters.For(schema, bound, [new("token", "hunter22")], warnings.Add);

        warnings.Select(w => w.Code).ShouldBe(["NB5224"]);
        secrets.Shown.Single(p => p.Name == "token").Value!.GetValue<string>().ShouldBe("***");
        secrets.KernelEnvironment["NBRUN_SECRET_token"].ShouldBe("\"hunter22\"");
        secrets.Scrub("the token is hunter22.").ShouldBe("the token is ***.");
        ParameterInjector.Inject(notebook, secrets.Injected, "python");
        var injected = notebook.Cells.Single(c => c.HasTag("injected-parameters")).Source;
        injected.ShouldNotContain("hunter22");
        injected.ShouldContain("token = __import__(\"json\").loads(__import__(\"os\").environ.pop(\"NBRUN_SECRET_token\"))");
        injected.ShouldContain("plain = 2");
    }
}
