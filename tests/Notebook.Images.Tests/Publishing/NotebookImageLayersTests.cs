using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Publishing;

public class NotebookImageLayersTests
{
    private static NotebookImageInputs Inputs(PublishProject project, NotebookImageOptions? options = null) =>
        ImageInputsResolver.Resolve(options ?? project.Options, new DiagnosticBag());

    [Fact]
    public void Layers_are_dependencies_runner_content_notebooks_with_the_schema_beside_its_notebook()
    {
        using var project = new PublishProject();
        var inputs = Inputs(project);
        var log = new DiagnosticBag();

        var layers = NotebookImageLayers.Create(inputs, PlatformSources.Default(inputs), log);

        log.Items.ShouldBeEmpty();
        layers.Select(l => l.Name).ShouldBe(["dependencies", "runner", "content", "notebooks"]);
        layers[0].Entries.Select(e => e.PathInImage).ShouldContain("/opt/notebook-sdk/site-packages/six.py");
        var runner = layers[1].Entries.ShouldHaveSingleItem();
        runner.PathInImage.ShouldBe("/usr/local/bin/nbrun");
        layers[2].Entries.Select(e => e.PathInImage).ShouldBe(["/app/data/regions.csv"]);
        layers[3].Entries.Select(e => e.PathInImage).ShouldBe(["/app", "/app/output", "/app/report.ipynb", "/app/report.parameters.json"]);
    }

    [Fact]
    public void Another_platforms_runner_and_dependencies_change_only_those_layers()
    {
        using var project = new PublishProject();
        var inputs = Inputs(project);
        var armRunner = project.Combine("sdk", "arm64", "nbrun");
        Directory.CreateDirectory(Path.GetDirectoryName(armRunner)!);
        File.WriteAllText(armRunner, "arm64 runner\n");

        var layers = NotebookImageLayers.Create(inputs, new PlatformSources(new Platform("linux", "arm64"), armRunner, null), new DiagnosticBag());

        layers.Select(l => l.Name).ShouldBe(["runner", "content", "notebooks"]);
        layers[0].Entries.ShouldHaveSingleItem().PathInImage.ShouldBe("/usr/local/bin/nbrun");
    }

    [Fact]
    public void A_missing_runner_warns_and_keeps_an_empty_layer_and_a_missing_dependency_folder_is_an_error()
    {
        using var project = new PublishProject();
        var inputs = Inputs(project, project.Options with { RunnerPath = project.Combine("nope", "nbrun"), ContentFiles = [] });
        var log = new DiagnosticBag();

        var layers = NotebookImageLayers.Create(inputs, PlatformSources.Default(inputs), log);

        log.Items.ShouldHaveSingleItem().Code.ShouldBe("NB4050");
        log.Items[0].Severity.ShouldBe(Severity.Warning);
        layers.Select(l => l.Name).ShouldBe(["dependencies", "runner", "notebooks"]);
        layers[1].Entries.ShouldBeEmpty();

        var missing = inputs with { DependencyDirectory = project.Combine("no-deps") };
        Should.Throw<NotebookSdkException>(() => NotebookImageLayers.Create(missing, PlatformSources.Default(missing), new DiagnosticBag()))
            .Code.ShouldBe("NB4006");
    }

    [Theory]
    [InlineData("report.ipynb", "report.parameters.json")]
    [InlineData("jobs/daily.v2.ipynb", "jobs/daily.v2.parameters.json")]
    public void The_schema_goes_next_to_its_notebook(string notebook, string schema) =>
        NotebookImageLayers.SchemaPathFor(notebook).ShouldBe(schema);
}
