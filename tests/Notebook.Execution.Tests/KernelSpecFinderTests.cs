using Notebook.Diagnostics;
using Notebook.Execution.Kernels;
using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

public sealed class KernelSpecFinderTests : IDisposable
{
    private readonly string _root = TestEnvironment.CreateTempDirectory();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteSpec(string dataDir, string name, string json)
    {
        var dir = Path.Combine(_root, dataDir, "kernels", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "kernel.json"), json);
        return dir;
    }

    [Fact]
    public void Find_FirstDataDirectoryWins_AndNamesAreCaseInsensitive()
    {
        var first = WriteSpec("a", "MyKernel", """{"argv": ["x", "{connection_file}"], "display_name": "First", "language": "python", "interrupt_mode": "message", "env": {"A": "1"}}""");
        WriteSpec("b", "mykernel", """{"argv": ["y"], "display_name": "Second"}""");
        var finder = new KernelSpecFinder([Path.Combine(_root, "a"), Path.Combine(_root, "b")]);

        var spec = finder.Find("MYKERNEL");

        spec.Name.ShouldBe("mykernel");
        spec.ResourceDirectory.ShouldBe(first);
        spec.DisplayName.ShouldBe("First");
        spec.InterruptMode.ShouldBe(KernelInterruptMode.Message);
        spec.Env["A"].ShouldBe("1");
        finder.FindAll().Keys.ShouldBe(["mykernel"]);
    }

    [Fact]
    public void Find_UnknownKernel_IsNB5101ListingTheKernelsFound()
    {
        WriteSpec("a", "python3", """{"argv": ["python3"]}""");
        var finder = new KernelSpecFinder([Path.Combine(_root, "a")]);

        var error = Should.Throw<NotebookSdkException>(() => finder.Find("julia-1.9"));

        error.Code.ShouldBe("NB5101");
        error.Message.ShouldContain("python3");
    }

    [Fact]
    public void Find_Python_MeansPython3_WhenNoSpecIsNamedPython()
    {
        WriteSpec("a", "python3", """{"argv": ["python3"], "display_name": "Python 3"}""");
        var finder = new KernelSpecFinder([Path.Combine(_root, "a")]);

        finder.Find("python").Name.ShouldBe("python3");
        finder.Find("Python").Name.ShouldBe("python3");
    }

    [Fact]
    public void Find_Python_KeepsASpecNamedPython()
    {
        WriteSpec("a", "python3", """{"argv": ["python3"], "display_name": "Python 3"}""");
        WriteSpec("a", "python", """{"argv": ["python"], "display_name": "Legacy"}""");
        var finder = new KernelSpecFinder([Path.Combine(_root, "a")]);

        finder.Find("python").DisplayName.ShouldBe("Legacy");
    }

    [Fact]
    public void Find_Python_WithoutPython3_IsNB5101()
    {
        WriteSpec("a", "ir", """{"argv": ["R"]}""");
        var error = Should.Throw<NotebookSdkException>(() => new KernelSpecFinder([Path.Combine(_root, "a")]).Find("python"));
        error.Code.ShouldBe("NB5101");
        error.Message.ShouldContain("ir");
    }

    [Fact]
    public void Find_InvalidKernelJson_IsNB5102()
    {
        WriteSpec("a", "broken", """{"argv": []}""");
        var error = Should.Throw<NotebookSdkException>(() => new KernelSpecFinder([Path.Combine(_root, "a")]).Find("broken"));
        error.Code.ShouldBe("NB5102");
    }

    [Fact]
    public void DefaultDataDirectories_FollowJupyterPathOrder()
    {
        var env = new Dictionary<string, string?>
        {
            ["JUPYTER_PATH"] = "/p1:/p2",
            ["JUPYTER_DATA_DIR"] = "/data",
            ["VIRTUAL_ENV"] = "/venv",
            ["HOME"] = "/home/u",
        };

        KernelSpecFinder.DefaultDataDirectories(n => env.GetValueOrDefault(n))
            .ShouldBe(["/p1", "/p2", "/data", "/venv/share/jupyter", "/usr/local/share/jupyter", "/usr/share/jupyter"]);
        KernelSpecFinder.DefaultDataDirectories(n => n == "HOME" ? "/home/u" : null)
            .ShouldBe(["/home/u/.local/share/jupyter", "/usr/local/share/jupyter", "/usr/share/jupyter"]);
    }

    [Fact]
    public void DefaultFinder_FindsDebiansPython3Kernel()
    {
        TestEnvironment.PythonKernel().Argv.ShouldContain("ipykernel_launcher");
    }
}
