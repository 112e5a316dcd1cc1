using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Deployment.Swarm;

/// <summary>Where a swarm run's task output and messages go (the console for nbrun swarm; a list in tests).</summary>
public interface ISwarmRunOutput
{
    /// <summary>One line the task wrote, without its line end.</summary>
    void Line(DockerStream stream, string line);

    void Report(Diagnostic diagnostic);

    void Info(string message);
}

/// <summary>Puts "[N] " before every line and message of one set of a sweep.</summary>
public sealed class PrefixedOutput(ISwarmRunOutput inner, string prefix) : ISwarmRunOutput
{
    public void Line(DockerStream stream, string line) => inner.Line(stream, prefix + line);

    public void Report(Diagnostic diagnostic) => inner.Report(diagnostic with { Message = prefix + diagnostic.Message });

    public void Info(string message) => inner.Info(prefix + message);
}
