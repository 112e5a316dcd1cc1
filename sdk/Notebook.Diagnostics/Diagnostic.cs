using System.Globalization;

namespace Notebook.Diagnostics;

public enum Severity
{
    Error,
    Warning,
    Info,
}

/// <summary>A message a user can meet: code, severity and a composite format whose text says what to change.</summary>
public sealed record MessageDescriptor(string Code, Severity Severity, string Format)
{
    public Diagnostic Create(string? file, int line, int column, params object?[] args) =>
        new(this, string.Format(CultureInfo.InvariantCulture, Format, args), file, line, column);

    public Diagnostic Create(params object?[] args) => Create(null, 0, 0, args);

    /// <summary>Throws a <see cref="NotebookSdkException"/> carrying this message.</summary>
    public NotebookSdkException Exception(params object?[] args) => new(Create(args));

    public NotebookSdkException ExceptionAt(string? file, int line, int column, params object?[] args) =>
        new(Create(file, line, column, args));
}

/// <summary>One reported message, with the file, line and column it points at (0 when unknown).</summary>
public sealed record Diagnostic(MessageDescriptor Descriptor, string Message, string? File = null, int Line = 0, int Column = 0)
{
    public string Code => Descriptor.Code;

    public Severity Severity => Descriptor.Severity;

    /// <summary>MSBuild's canonical format: <c>file(line,col): error NB1001: text</c>.</summary>
    public override string ToString()
    {
        var kind = Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
        var origin = File is null ? "" : Line > 0 ? Column > 0 ? $"{File}({Line},{Column}): " : $"{File}({Line}): " : $"{File}: ";
        return $"{origin}{kind} {Code}: {Message}";
    }

    public Diagnostic WithLocation(string? file, int line = 0, int column = 0) =>
        this with { File = file ?? File, Line = line > 0 ? line : Line, Column = column > 0 ? column : Column };
}

/// <summary>An error that reaches the user as one coded message, never as a stack trace.</summary>
public sealed class NotebookSdkException(Diagnostic diagnostic, Exception? inner = null)
    : Exception(diagnostic.ToString(), inner)
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public string Code => Diagnostic.Code;
}

/// <summary>Where libraries report messages; MSBuild tasks and the runner bridge it to their own output.</summary>
public interface IDiagnosticLog
{
    void Report(Diagnostic diagnostic);

    void Info(string message);
}

/// <summary>Collects messages in memory (tests, and callers that report after the fact).</summary>
public sealed class DiagnosticBag : IDiagnosticLog
{
    private readonly List<Diagnostic> _items = [];
    private readonly List<string> _infos = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public IReadOnlyList<string> Infos => _infos;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Report(Diagnostic diagnostic)
    {
        lock (_items) _items.Add(diagnostic);
    }

    public void Info(string message)
    {
        lock (_infos) _infos.Add(message);
    }
}
