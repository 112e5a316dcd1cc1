using Notebook.Deployment.Settings;
using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Settings;

public sealed class RunSettingsParserTests
{
    [Fact]
    public void Parses_every_setting()
    {
        var bag = new DiagnosticBag();
        var settings = RunSettingsParser.Parse(new RawRunSettings
        {
            Cpu = "500m", Memory = "1Gi", Gpu = "1", Schedule = "0 6 * * 1-5", TimeZone = "Europe/Paris", Timeout = "30m",
            Retries = "3", Concurrency = "forbid", Parameters = "region=eu; top_n=5;expr=a=b",
        }, "report.ipynb", bag).ShouldNotBeNull();

        bag.Items.ShouldBeEmpty();
        settings.Cpu!.ToNanoCpus().ShouldBe(500_000_000);
        settings.Memory!.ToBytes().ShouldBe(1L << 30);
        settings.Gpu.ShouldBe(1);
        settings.Schedule!.Text.ShouldBe("0 6 * * 1-5");
        settings.TimeZone.ShouldBe("Europe/Paris");
        settings.Timeout.ShouldBe(TimeSpan.FromMinutes(30));
        settings.Retries.ShouldBe(3);
        settings.Concurrency.ShouldBe(RunConcurrency.Forbid);
        settings.Parameters.ShouldBe([new("region", "eu"), new("top_n", "5"), new("expr", "a=b")]);
    }

    [Fact]
    public void Nothing_set_gives_the_defaults()
    {
        var bag = new DiagnosticBag();
        var settings = RunSettingsParser.Parse(new RawRunSettings(), "report.ipynb", bag).ShouldNotBeNull();
        bag.Items.ShouldBeEmpty();
        settings.ShouldBe(RunSettings.Empty with { Parameters = settings.Parameters });
        settings.Retries.ShouldBe(RunSettings.DefaultRetries);
        settings.Concurrency.ShouldBe(RunConcurrency.Allow);
        settings.Parameters.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(nameof(RawRunSettings.Cpu), "2 cores", "NB6020")]
    [InlineData(nameof(RawRunSettings.Cpu), "0", "NB6020")]
    [InlineData(nameof(RawRunSettings.Cpu), "-1", "NB6020")]
    [InlineData(nameof(RawRunSettings.Cpu), "0.0005", "NB6020")]
    [InlineData(nameof(RawRunSettings.Memory), "1GB", "NB6021")]
    [InlineData(nameof(RawRunSettings.Memory), "0.5", "NB6021")]
    [InlineData(nameof(RawRunSettings.Memory), "100Ei", "NB6021")]
    [InlineData(nameof(RawRunSettings.Gpu), "0.5", "NB6022")]
    [InlineData(nameof(RawRunSettings.Gpu), "-1", "NB6022")]
    [InlineData(nameof(RawRunSettings.Gpu), "65", "NB6022")]
    [InlineData(nameof(RawRunSettings.Schedule), "0 25 * * *", "NB6023")]
    [InlineData(nameof(RawRunSettings.TimeZone), "Mars/Olympus_Mons", "NB6024")]
    [InlineData(nameof(RawRunSettings.TimeZone), "Local", "NB6024")]
    [InlineData(nameof(RawRunSettings.TimeZone), "../../etc/passwd", "NB6024")]
    [InlineData(nameof(RawRunSettings.Timeout), "soon", "NB6025")]
    [InlineData(nameof(RawRunSettings.Timeout), "0", "NB6025")]
    [InlineData(nameof(RawRunSettings.Timeout), "500ms", "NB6025")]
    [InlineData(nameof(RawRunSettings.Retries), "many", "NB6026")]
    [InlineData(nameof(RawRunSettings.Retries), "101", "NB6026")]
    [InlineData(nameof(RawRunSettings.Concurrency), "Queue", "NB6027")]
    [InlineData(nameof(RawRunSettings.Concurrency), "1", "NB6027")]
    [InlineData(nameof(RawRunSettings.Parameters), "top_n", "NB6028")]
    [InlineData(nameof(RawRunSettings.Parameters), "1x=2", "NB6028")]
    [InlineData(nameof(RawRunSettings.Parameters), "a=1;a=2", "NB6028")]
    public void A_bad_value_is_an_error_naming_the_item(string setting, string value, string code)
    {
        var raw = new RawRunSettings { Schedule = "@daily" };
        raw = setting switch
        {
            nameof(RawRunSettings.Cpu) => raw with { Cpu = value },
            nameof(RawRunSettings.Memory) => raw with { Memory = value },
            nameof(RawRunSettings.Gpu) => raw with { Gpu = value },
            nameof(RawRunSettings.Schedule) => raw with { Schedule = value },
            nameof(RawRunSettings.TimeZone) => raw with { TimeZone = value },
            nameof(RawRunSettings.Timeout) => raw with { Timeout = value },
            nameof(RawRunSettings.Retries) => raw with { Retries = value },
            nameof(RawRunSettings.Concurrency) => raw with { Concurrency = value },
            _ => raw with { Parameters = value },
        };
        var bag = new DiagnosticBag();

        RunSettingsParser.Parse(raw, "nightly.ipynb", bag).ShouldBeNull();

        var error = bag.Items.ShouldHaveSingleItem();
        error.Code.ShouldBe(code);
        error.Message.ShouldContain("nightly.ipynb");
        error.Message.ShouldContain(setting);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var bag = new DiagnosticBag();
        RunSettingsParser.Parse(new RawRunSettings { Cpu = "x", Memory = "y", Schedule = "z" }, "a.ipynb", bag).ShouldBeNull();
        bag.Items.Select(d => d.Code).ShouldBe(["NB6020", "NB6021", "NB6023"]);
    }

    [Fact]
    public void Schedule_only_settings_without_a_schedule_warn()
    {
        var bag = new DiagnosticBag();
        RunSettingsParser.Parse(new RawRunSettings { TimeZone = "Etc/UTC", Concurrency = "Forbid" }, "a.ipynb", bag).ShouldNotBeNull();
        bag.Items.Select(d => (d.Code, d.Severity)).ShouldBe([("NB6029", Severity.Warning), ("NB6029", Severity.Warning)]);
    }

    [Fact]
    public void Item_metadata_wins_over_project_defaults()
    {
        var merged = new RawRunSettings { Cpu = "2", Memory = " " }.Over(new RawRunSettings { Cpu = "1", Memory = "1Gi", Retries = "0" });
        merged.ShouldBe(new RawRunSettings { Cpu = "2", Memory = "1Gi", Retries = "0" });
    }

    [Fact]
    public void Annotation_json_carries_what_is_set()
    {
        var settings = RunSettingsParser.Parse(new RawRunSettings
        {
            Cpu = "500m", Memory = "1Gi", Schedule = "@daily", TimeZone = "Etc/UTC", Timeout = "1.5s", Parameters = "top_n=5",
        }, "a.ipynb", new DiagnosticBag())!;
        RunSettingsJson.ToJson(settings).ToJsonString().ShouldBe(
            """{"cpu":"500m","memory":"1Gi","schedule":"@daily","timeZone":"Etc/UTC","concurrency":"Allow","timeoutSeconds":1.5,"retries":2,"parameters":{"top_n":"5"}}""");
        RunSettingsJson.ToJson(RunSettings.Empty).ToJsonString().ShouldBe("""{"retries":2}""");
    }
}
