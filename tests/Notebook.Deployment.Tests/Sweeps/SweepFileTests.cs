using Notebook.Deployment.Sweeps;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Sweeps;

public sealed class SweepFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nbdeploy-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_a_yaml_list_of_sets_with_typed_values()
    {
        var path = Path.Combine(_dir, "sweep.yaml");
        File.WriteAllText(path, "- {lr: 0.1, epochs: 10, name: a}\n- lr: 0.01\n  epochs: 20\n  name: '7'\n");

        var sweep = SweepFile.Read(path);

        sweep.Sets.Count.ShouldBe(2);
        sweep[0].ToJsonString().ShouldBe("""{"lr":0.1,"epochs":10,"name":"a"}""");
        sweep[1].ToJsonString().ShouldBe("""{"lr":0.01,"epochs":20,"name":"7"}""");
    }

    [Fact]
    public void Reads_a_json_list_of_sets()
    {
        var path = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(path, """[{"top_n": 5}, {"top_n": 10}, {}]""");
        SweepFile.Read(path).Sets.Select(s => s.ToJsonString()).ShouldBe(["""{"top_n":5}""", """{"top_n":10}""", "{}"]);
    }

    [Theory]
    [InlineData("top_n: 5\n", true, "not a list")]
    [InlineData("", true, "empty or null")]
    [InlineData("[]", true, "the list is empty")]
    [InlineData("- 1\n", true, "set 0 (0-based) is a single value")]
    [InlineData("- {a: 1}\n- [1]\n", true, "set 1 (0-based) is a list")]
    [InlineData("- {a: 1, a: 2}\n", true, "Duplicate key")]
    [InlineData("- {a: 1}\n---\n- {a: 2}\n", true, "2 YAML documents")]
    [InlineData("- {a: [1\n", true, "line")]
    [InlineData("""[{"a": 1}, {"a": 1, "a": 2}]""", false, "line")]
    [InlineData("""{"a": 1}""", false, "a mapping, not a list")]
    public void A_bad_file_is_NB6031_with_the_reason(string text, bool yaml, string reasonPart)
    {
        var error = Should.Throw<NotebookSdkException>(() => SweepFile.Parse(text, "sweep.yaml", yaml));
        error.Code.ShouldBe("NB6031");
        error.Diagnostic.Message.ShouldContain("sweep.yaml");
        error.Diagnostic.Message.ShouldContain(reasonPart);
    }

    [Fact]
    public void A_missing_file_is_NB6030() =>
        Should.Throw<NotebookSdkException>(() => SweepFile.Read("/nonexistent/sweep.yaml")).Code.ShouldBe("NB6030");

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void An_index_outside_the_file_is_NB6033(int index)
    {
        var sweep = SweepFile.Parse("- {a: 1}\n- {a: 2}\n", "sweep.yaml", yaml: true);
        var error = Should.Throw<NotebookSdkException>(() => sweep[index]);
        error.Code.ShouldBe("NB6033");
        error.Diagnostic.Message.ShouldContain("0 to 1");
    }
}
