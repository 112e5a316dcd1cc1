using System.Text.Json.Nodes;
using Notebook.Deployment.Swarm;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Swarm;

/// <summary>The parts of swarm runs that need no swarm: retries, log lines, the sweep summary.</summary>
public sealed class SwarmUnitTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(4, false)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    [InlineData(137, true)]
    [InlineData(143, true)]
    public void Exit_codes_1_2_and_4_are_never_retried_as_the_Kubernetes_pod_failure_policy_does(int exitCode, bool retried) =>
        SwarmRetryPolicy.IsRetryable(exitCode).ShouldBe(retried);

    [Fact]
    public void Log_lines_split_on_newlines_keep_a_last_partial_line_and_drop_carriage_returns() =>
        ServiceLogRelay.SplitLines("a\r\nb\n\nc"u8.ToArray()).ShouldBe(["a", "b", "", "c"]);

    [Theory]
    [InlineData("20.10.24+dfsg1", 20)]
    [InlineData("24.0.7", 24)]
    [InlineData("", 0)]
    public void The_engine_major_version_decides_whether_a_job_is_parked_before_removal(string version, int major) =>
        SwarmJobRunner.MajorVersion(version).ShouldBe(major);

    [Fact]
    public void The_summary_table_lists_set_exit_code_duration_and_failing_cell_and_the_json_the_same()
    {
        SweepSetResult[] results =
        [
            new(0, 0, TimeSpan.FromSeconds(4.21), null, 1, "n1", "/out/0", null),
            new(1, 1, TimeSpan.FromSeconds(3.5), "cell 1 (ValueError)", 1, "n2", "/out/1", null),
            new(2, 3, TimeSpan.FromSeconds(0.2), null, 1, "", "/out/2", "NB4132"),
        ];

        var table = SweepSummary.Table(results).Split('\n');

        table[0].ShouldBe("set  exit code  duration  failing cell");
        table[2].ShouldBe("0    0          4.2 s");
        table[3].ShouldBe("1    1          3.5 s     cell 1 (ValueError)");
        table[4].ShouldBe("2    3          0.2 s     NB4132");
        var json = SweepSummary.ToJson(results, "sweep.yaml");
        json["failed"]!.GetValue<int>().ShouldBe(2);
        json["results"]!.AsArray()[1]!["failing_cell"]!.GetValue<string>().ShouldBe("cell 1 (ValueError)");
        SweepSummary.ExitCode(results).ShouldBe(1);
        SweepSummary.ExitCode([results[0]]).ShouldBe(0);
    }

    [Fact]
    public void The_failing_cell_comes_from_run_json()
    {
        var folder = Directory.CreateTempSubdirectory("nbswarm-runjson-").FullName;
        try
        {
            var path = Path.Combine(folder, "run.json");
            File.WriteAllText(path, new JsonObject { ["failed_cell"] = new JsonObject { ["index"] = 2, ["ename"] = "KeyError" } }.ToJsonString());
            RunJson.FailingCell([path]).ShouldBe("cell 2 (KeyError)");
            File.WriteAllText(path, """{"failed_cell": null}""");
            RunJson.FailingCell([path]).ShouldBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
