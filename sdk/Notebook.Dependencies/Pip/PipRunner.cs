using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Notebook.Dependencies;

/// <summary>Runs <c>python -m pip ...</c> with a timeout; output (stdout and stderr together) kept whole for messages.</summary>
public sealed class PipRunner(PipSettings settings)
{
    public PipSettings Settings { get; } = settings;

    /// <summary>Fails with NB3010 when the interpreter does not start, NB3011 when it has no pip.</summary>
    public async Task EnsurePipAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["--version"], cancellationToken);
        if (result.ExitCode != 0)
            throw Messages.NB3011_PipNotFound.Exception(Settings.Python, PipErrors.LastLine(result.Output));
    }

    public async Task<PipResult> RunAsync(IReadOnlyList<string> pipArguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(Settings.Python);
        psi.ArgumentList.Add("-m");
        psi.ArgumentList.Add("pip");
        foreach (var a in pipArguments) psi.ArgumentList.Add(a);
        // Quiet, non-interactive, and no bytecode written next to pip's own files.
        psi.Environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        psi.Environment["PIP_NO_INPUT"] = "1";
        psi.Environment["PIP_ROOT_USER_ACTION"] = "ignore";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment["PYTHONUTF8"] = "1";
        if (Settings.Environment is not null)
            foreach (var (k, v) in Settings.Environment)
                if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;

        var (exitCode, output) = await BoundedProcess.RunAsync(psi, Settings.EffectiveTimeout,
            message => Messages.NB3010_PythonNotFound.Exception(Settings.Python, message),
            () => Messages.NB3012_PipTimeout.Exception((int)Settings.EffectiveTimeout.TotalSeconds, "pip " + string.Join(' ', pipArguments.Take(2))),
            cancellationToken);
        return new PipResult(exitCode, output);
    }
}
