using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents.Structured;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Notebook.Runner.Tests;

/// <summary>In-process checks of the pieces that need no kernel: durations, argument forms, YAML typing.</summary>
public sealed class ParsingTests
{
    [Theory]
    [InlineData("1500ms", 1.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("90", 90)]
    [InlineData("0.25", 0.25)]
    [InlineData(" 2M ", 120)]
    public void Durations_are_read_as_users_write_them(string text, double seconds) =>
        DurationParser.Parse(text, "--timeout").ShouldBe(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5s")]
    [InlineData("5d")]
    [InlineData("s")]
    [InlineData("1e999")]
    public void Bad_durations_are_NB5204(string text) =>
        Should.Throw<NotebookSdkException>(() => DurationParser.Parse(text, "--timeout")).Code.ShouldBe("NB5204");

    [Fact]
    public void Every_option_form_is_understood()
    {
        var options = CommandLineParser.Parse(
        [
            "-p", "a=1", "-p=b=x=y", "--parameter", "c=", "--parameter=d=4",
            "--output-dir=out", "--timeout", "1h", "--cell-timeout=30s", "--kernel", "python3",
            "--allow-errors", "--json", "--", "-odd-name.ipynb",
        ]);

        options.Parameters.ShouldBe([new("a", "1"), new("b", "x=y"), new("c", ""), new("d", "4")]);
        options.OutputDirectory.ShouldBe("out");
        options.Timeout.ShouldBe(TimeSpan.FromHours(1));
        options.CellTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.KernelName.ShouldBe("python3");
        options.AllowErrors.ShouldBeTrue();
        options.Json.ShouldBeTrue();
        options.NotebookPath.ShouldBe("-odd-name.ipynb");
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var options = CommandLineParser.Parse([]);
        options.NotebookPath.ShouldBeNull();
        options.OutputDirectory.ShouldBe("output");
        options.Timeout.ShouldBeNull();
        options.Parameters.ShouldBeEmpty();
    }

    [Fact]
    public void Yaml_scalars_follow_the_core_schema()
    {
        var json = Yaml("""
            int: 42
            negative: -7
            hex: 0x1F
            float: 2.5
            exp: 1e3
            yes_is_a_string: yes
            t: true
            f: False
            n1: null
            n2: ~
            n3:
            quoted_int: "42"
            single_true: 'true'
            tagged: !!str 12
            text: hello world
            block: |
              line1
              line2
            nested: {a: [1, {b: null}]}
            """);

        json!.ToJsonString().ShouldBe(
            """{"int":42,"negative":-7,"hex":31,"float":2.5,"exp":1000,"yes_is_a_string":"yes","t":true,"f":false,"n1":null,"n2":null,"n3":null,"quoted_int":"42","single_true":"true","tagged":"12","text":"hello world","block":"line1\nline2\n","nested":{"a":[1,{"b":null}]}}""");
    }

    [Fact]
    public void Version_is_the_sdk_version() => RunnerVersion.Version.ShouldBe("0.1.0");

    private static JsonNode? Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return YamlToJson.Convert(stream.Documents[0].RootNode, "test.yaml", Messages.NB5210_ParametersFileInvalid);
    }
}
