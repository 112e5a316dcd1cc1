using Notebook.Deployment.Swarm;
using Notebook.Diagnostics;
using Notebook.Images;

namespace Notebook.Deployment.Tests.Swarm;

/// <summary>Keeps what a swarm run showed; also echoes it to the test log.</summary>
public sealed class RecordingOutput : ISwarmRunOutput
{
    private readonly List<string> _lines = [];
    private readonly List<Diagnostic> _diagnostics = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public IReadOnlyList<string> Codes
    {
        get { lock (_lines) return _diagnostics.Select(d => d.Code).ToList(); }
    }

    public string Text => string.Join("\n", Lines) + "\n" + string.Join("\n", _diagnostics);

    public void Line(DockerStream stream, string line)
    {
        lock (_lines) _lines.Add(line);
    }

    public void Report(Diagnostic diagnostic)
    {
        lock (_lines) _diagnostics.Add(diagnostic);
    }

    public void Info(string message)
    {
        lock (_lines) _lines.Add(message);
    }
}
