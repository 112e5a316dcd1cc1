using Notebook.Diagnostics;

namespace Notebook.Runner;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["kernel" or "container", ..]) return await RunContainerCommandAsync(args[0], args[1..]);
        using var signals = new SignalWatcher();
        if (Environment.GetEnvironmentVariable(Containers.ContainerRunCommand.StdinLifelineVariable) == "1") signals.StopWhenStdinEnds(Console.OpenStandardInput());
        try
        {
            // 'nbrun swarm ...' runs the image on a swarm from the host; everything else runs a notebook here.
            if (args.Length > 0 && args[0] == "swarm")
                return await new Swarm.SwarmCommand(Console.Out, Console.Error, Environment.CurrentDirectory).ExecuteAsync(Swarm.SwarmCommandLine.Parse(args[1..]), signals);

            var options = CommandLineParser.Parse(args);
            if (options.Help)
            {
                await Console.Out.WriteAsync(HelpText.Usage + "\n");
                return ExitCodes.Ok;
            }

            if (options.Version)
            {
                await Console.Out.WriteLineAsync($"Notebook.Sdk {RunnerVersion.Version}");
                return ExitCodes.Ok;
            }

            var command = new RunCommand(Console.Out, Console.Error, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
            return await command.ExecuteAsync(options, signals);
        }
        catch (NotebookSdkException e)
        {
            var exitCode = ExitCodeFor(e.Code);
            await Console.Error.WriteLineAsync(e.Diagnostic.ToString());
            if (e.Code.StartsWith("NB52", StringComparison.Ordinal) && exitCode == ExitCodes.Usage) await Console.Error.WriteLineAsync(HelpText.Hint);
            return exitCode;
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            // Stopped before the kernel started (while reading the notebook or parameters): nothing ran.
            return signal == System.Runtime.InteropServices.PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(Messages.NB5214_UnexpectedError.Create(e.GetType().Name, e.Message).ToString());
            return ExitCodes.Kernel;
        }
    }

    /// <summary><c>nbrun kernel</c> (a container kernel, host or image side) and <c>nbrun container</c> (local mode).</summary>
    private static async Task<int> RunContainerCommandAsync(string command, string[] args)
    {
        try
        {
            var options = Containers.ContainerCommandLine.Parse(command, args);
            await using var stdout = Console.OpenStandardOutput();
            await using var stderr = Console.OpenStandardError();
            if (command == "container") return await new Containers.ContainerRunCommand(stdout, stderr).RunAsync(options);
            if (options.ConnectionFromStdin)
                return await new Containers.KernelSupervisor(Console.Error, Environment.GetEnvironmentVariable).RunAsync(options, Console.OpenStandardInput());
            return await new Containers.ContainerKernelLauncher(stdout, stderr, Console.Error, Environment.GetEnvironmentVariable).RunAsync(options);
        }
        catch (NotebookSdkException e)
        {
            await Console.Error.WriteLineAsync(e.Diagnostic.ToString());
            return e.Code == "NB5230" ? ExitCodes.Usage : ExitCodes.Kernel;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync(Messages.NB5214_UnexpectedError.Create(e.GetType().Name, e.Message).ToString());
            return ExitCodes.Kernel;
        }
    }

    /// <summary>Usage, notebook and parameter problems are found before anything runs (2); output and internal failures give 3.</summary>
    public static int ExitCodeFor(string code) => code switch
    {
        "NB5211" or "NB5214" => ExitCodes.Kernel,
        // A sweep file that cannot be read, or an index outside it: bad parameters, nothing ran.
        "NB6030" or "NB6031" or "NB6033" => ExitCodes.Usage,
        _ when code.StartsWith("NB1", StringComparison.Ordinal) || code.StartsWith("NB2", StringComparison.Ordinal) || code.StartsWith("NB52", StringComparison.Ordinal) => ExitCodes.Usage,
        _ => ExitCodes.Kernel,
    };
}
