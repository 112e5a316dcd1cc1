using System.Text;
using System.Text.Json.Nodes;
using Notebook.Runner.Tests.Support;
using Shouldly;
using Xunit;
using static Notebook.Runner.Tests.Support.Notebooks;

namespace Notebook.Runner.Tests;

/// <summary>papermill's command line carried over, and secret parameters that no output ever shows.</summary>
public sealed class PapermillAndSecretTests : TempFolderTest
{
    private string Notebook(string parameters, string body)
    {
        var dir = NewTempDirectory();
        Write(dir, "nb.ipynb", Code(parameters, "parameters"), Code(body));
        return dir;
    }

    private static JsonObject Run(string dir, string folder = "output") => RunOutputs.In(Path.Combine(dir, folder)).RunJson;

    [Fact]
    public async Task Papermill_invocations_keep_their_meaning()
    {
        var dir = Notebook("msg = None\nn = None\nraw = None\ncount = 1\nfrom_yaml = None", "print(repr(msg), repr(n), repr(raw), repr(count), repr(from_yaml))");
        File.WriteAllText(Path.Combine(dir, "params.txt"), "from_yaml: from-file\ncount: 3\n");

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-p", "msg", "\"Hello\"", "-p", "n", "5", "-r", "raw", "5",
            "-f", "params.txt", "-k", "python3", "--execution-timeout", "60", "--start-timeout", "60");

        result.ExitCode.ShouldBe(0, result.ToString());
        var outputs = RunOutputs.In(Path.Combine(dir, "output"));
        StreamText(outputs.Notebook, 2).ShouldBe("'\"Hello\"' 5 '5' 3 'from-file'\n");
        var papermill = outputs.Notebook.Metadata["papermill"]!["parameters"]!.AsObject();
        papermill["msg"]!.GetValue<string>().ShouldBe("\"Hello\"");
        papermill["n"]!.GetValue<int>().ShouldBe(5);
        papermill["count"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task YAML_and_base64_YAML_values_apply_in_papermills_order()
    {
        var dir = Notebook("a = 0\nb = 0\nc = 0", "print(a, b, c)");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("a: 1\nb: 1\nc: 1\n"));

        // papermill: -b, then -f, then -y, then -p; later ones win whatever the order on the command line.
        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-p", "c", "3", "-y", "b: 2\nc: 2", "-b", base64);

        result.ExitCode.ShouldBe(0, result.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 2).ShouldBe("1 2 3\n");
        (await RunnerProcess.RunAsync(dir, "nb.ipynb", "-b", "not base64!")).StandardError.ShouldContain("NB5219");
    }

    [Fact]
    public async Task Typed_parameters_keep_their_checks_in_papermills_forms()
    {
        var dir = Notebook("count: int = 1", "print(count)");

        var raw = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-r", "count", "5");
        var twoWords = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-p", "count", "five");

        raw.ExitCode.ShouldBe(ExitCodes.Usage, raw.ToString());
        raw.StandardError.ShouldContain("NB2021");
        twoWords.ExitCode.ShouldBe(ExitCodes.Usage);
        twoWords.StandardError.ShouldContain("NB2021");
    }

    [Fact]
    public async Task Prepare_only_injects_and_writes_but_runs_nothing()
    {
        var dir = Notebook("n = 1", "open('ran', 'w').close()");

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--prepare-only", "-p", "n", "2");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StandardError.ShouldContain("NB5225");
        File.Exists(Path.Combine(dir, "ran")).ShouldBeFalse();
        var written = Read(Path.Combine(dir, "output", "nb.ipynb"));
        written.Cells.Single(c => c.HasTag("injected-parameters")).Source.ShouldContain("n = 2");
        File.Exists(Path.Combine(dir, "output", "run.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Cwd_sets_the_kernels_folder()
    {
        var dir = Notebook("x = 1", "import os\nprint(os.path.basename(os.getcwd()))");
        Directory.CreateDirectory(Path.Combine(dir, "data-folder"));

        var result = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--cwd", "data-folder");
        var missing = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--cwd", "nowhere");

        result.ExitCode.ShouldBe(0, result.ToString());
        StreamText(RunOutputs.In(Path.Combine(dir, "output")).Notebook, 1).ShouldBe("data-folder\n");
        missing.ExitCode.ShouldBe(ExitCodes.Usage);
        missing.StandardError.ShouldContain("NB5221");
    }

    [Fact]
    public async Task A_secret_reaches_the_kernel_and_no_output_shows_it()
    {
        const string secret = "s3cr3t-Value-42";
        var dir = Notebook("api_token = \"\"  # secret: the service's token\nregion = \"north\"",
            "print(len(api_token), region)\nprint('echo:', api_token)\nimport os\nprint('in env:', 'NBRUN_SECRET_api_token' in os.environ)\nraise ValueError(api_token)");
        File.WriteAllText(Path.Combine(dir, "token-file"), secret + "\n");
        var environment = new Dictionary<string, string> { ["API_TOKEN"] = secret };

        var fromEnv = await RunnerProcess.RunAsync(dir, environment, "nb.ipynb", "--parameter-from-env", "api_token=API_TOKEN", "-p", "region=south",
            "--log-output", "--json");
        var fromFile = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--parameter-from-file", "api_token=token-file", "--output-dir", "from-file");
        var onCommandLine = await RunnerProcess.RunAsync(dir, "nb.ipynb", "-p", "api_token=" + secret, "--output-dir", "cli");

        fromEnv.ExitCode.ShouldBe(ExitCodes.CellFailed, fromEnv.ToString());
        foreach (var (result, folder) in new[] { (fromEnv, "output"), (fromFile, "from-file"), (onCommandLine, "cli") })
        {
            var outputs = RunOutputs.In(Path.Combine(dir, folder));
            await outputs.ShouldBeCompleteAsync();
            StreamText(outputs.Notebook, 2).ShouldStartWith($"{secret.Length} ");
            StreamText(outputs.Notebook, 2).ShouldContain("echo: ***\nin env: False\n");
            foreach (var file in Directory.GetFiles(outputs.Folder)) File.ReadAllText(file).ShouldNotContain(secret, customMessage: file);
            result.StandardOutput.ShouldNotContain(secret);
            result.StandardError.ShouldNotContain(secret);
            outputs.RunJson["parameters"]!["api_token"]!.GetValue<string>().ShouldBe("***");
            outputs.Notebook.Metadata["papermill"]!["parameters"]!["api_token"]!.GetValue<string>().ShouldBe("***");
        }

        fromEnv.StandardOutput.ShouldContain("echo: ***");
        Run(dir)["parameters"]!["region"]!.GetValue<string>().ShouldBe("south");
        fromEnv.StandardError.ShouldNotContain("NB5224");
        onCommandLine.StandardError.ShouldContain("NB5224");
        var missing = await RunnerProcess.RunAsync(dir, "nb.ipynb", "--parameter-from-env", "api_token=NOT_SET_ANYWHERE");
        missing.ExitCode.ShouldBe(ExitCodes.Usage);
        missing.StandardError.ShouldContain("NB5218");
    }
}
