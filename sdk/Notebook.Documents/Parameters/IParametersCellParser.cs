using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>Reads the parameters cell of one kernel language into parameter definitions (the schema model every language shares).</summary>
public interface IParametersCellParser
{
    /// <summary>True when this parser reads cells of <paramref name="language"/> (as in <c>kernelspec.language</c>).</summary>
    bool Reads(string language);

    /// <summary>The parameters the cell declares; <paramref name="report"/> gets each message with its 1-based line in <paramref name="source"/>.</summary>
    IReadOnlyList<ParameterDefinition> ParseSource(string source, Action<MessageDescriptor, int, object?[]> report);
}
