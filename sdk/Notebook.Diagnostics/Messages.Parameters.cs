namespace Notebook.Diagnostics;

// NB2xxx: Parameters.
public static partial class Messages
{
    // Reading the parameters cell (NB2001-NB2019).
    public static readonly MessageDescriptor NB2001_UnsupportedLanguage = new("NB2001", Severity.Warning,
        "The parameters cell of this notebook is written in '{0}'; typed parameters are read from Python and C# notebooks only, so this notebook accepts no parameters. Use a Python or C# kernel or remove the 'parameters' tag.");

    public static readonly MessageDescriptor NB2002_NotALiteral = new("NB2002", Severity.Warning,
        "Parameter '{0}' is set to an expression ({1}), not a literal, so its default and type are unknown; it accepts any value. Write a literal (for example {0}: int = 10) to get a typed parameter.");

    public static readonly MessageDescriptor NB2003_DuplicateParameter = new("NB2003", Severity.Error,
        "Parameter '{0}' is assigned again (first at line {1}). Assign each parameter once in the parameters cell.");

    public static readonly MessageDescriptor NB2004_SyntaxError = new("NB2004", Severity.Error,
        "The parameters cell cannot be read here: {0}. A parameters cell holds assignments such as  top_n: int = 10  or  start = \"2026-01-01\", comments and blank lines.");

    public static readonly MessageDescriptor NB2005_UnknownAnnotation = new("NB2005", Severity.Warning,
        "Parameter '{0}' has the annotation '{1}', which is not understood, so it accepts any value. Use int, float, str, bool, list[...], dict[...], Optional[...], X | None or Literal[...].");

    public static readonly MessageDescriptor NB2006_DefaultMismatch = new("NB2006", Severity.Warning,
        "Parameter '{0}' is declared as {1} but its default is {2}. Make the default match the annotation (for example Optional[...] when the default is None).");

    public static readonly MessageDescriptor NB2007_MultipleParameterCells = new("NB2007", Severity.Warning,
        "Cell {0} is also tagged 'parameters'; only the first parameters cell (cell {1}) declares parameters. Remove the tag from the other cells.");

    // Binding values (NB2020-NB2039).
    public static readonly MessageDescriptor NB2020_UnknownParameter = new("NB2020", Severity.Error,
        "'{0}' is not a parameter of this notebook. Accepted parameters: {1}.");

    public static readonly MessageDescriptor NB2021_InvalidValue = new("NB2021", Severity.Error,
        "Parameter '{0}' expects {1}, but got {2}. Pass a value such as {3}.");

    public static readonly MessageDescriptor NB2022_NotAllowedValue = new("NB2022", Severity.Error,
        "Parameter '{0}' accepts only {1}, but got {2}.");

    public static readonly MessageDescriptor NB2023_InvalidSchema = new("NB2023", Severity.Error,
        "The parameter schema is not valid: {0}. Rebuild the project to regenerate it.");

    // Injection (NB2040-NB2049).
    public static readonly MessageDescriptor NB2040_NoParametersCell = new("NB2040", Severity.Warning,
        "The notebook has no cell tagged 'parameters', so the given parameters are injected at the top. Tag the cell that declares the defaults with 'parameters'.");

    public static readonly MessageDescriptor NB2041_NoLiteralRenderer = new("NB2041", Severity.Error,
        "Parameters cannot be injected into a '{0}' notebook: only Python and C# kernels are supported. Run the notebook without -p values or use a Python or C# kernel.");
}
