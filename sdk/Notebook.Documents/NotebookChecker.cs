using System.Text;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>What the build learns from one notebook: its messages and, when it is usable, its parameter schema.</summary>
public sealed record NotebookCheckResult(IReadOnlyList<Diagnostic> Diagnostics, ParameterSchema? Schema)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The schema file's bytes (UTF-8, deterministic), or empty when there is no schema.</summary>
    public byte[] SchemaBytes => Schema is null ? [] : Encoding.UTF8.GetBytes(Schema.ToJson());
}

/// <summary>The build-time checks of one notebook, in order: read, validate, refuse runtime installs, parse parameters.</summary>
public static class NotebookChecker
{
    /// <summary>Checks one notebook; <paramref name="parsers"/> read parameters cells of languages other than Python (C#).</summary>
    public static NotebookCheckResult Check(string path, string? displayPath = null, IReadOnlyList<IParametersCellParser>? parsers = null)
    {
        var shown = displayPath ?? path;
        NotebookDocument document;
        try
        {
            document = NotebookReader.Read(path);
        }
        catch (NotebookSdkException ex)
        {
            return new([ex.Diagnostic.WithLocation(shown)], null);
        }

        var diagnostics = new List<Diagnostic>(NotebookValidator.Validate(document, shown));
        // A notebook that is not nbformat 4 has no cells to look at.
        if (NotebookValidator.HasErrors(diagnostics) && document.NbFormat != 4)
            return new(diagnostics, null);

        diagnostics.AddRange(RuntimeInstallDetector.Detect(document, shown));
        var (schema, parameterDiagnostics) = ParameterSchemaParser.Parse(document, shown, parsers);
        diagnostics.AddRange(parameterDiagnostics);
        return new(diagnostics, schema);
    }
}
