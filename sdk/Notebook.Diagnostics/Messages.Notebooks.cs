namespace Notebook.Diagnostics;

// NB1xxx: Notebooks.
public static partial class Messages
{
    // Reading (NB1001-NB1009).
    public static readonly MessageDescriptor NB1001_InvalidJson = new("NB1001", Severity.Error,
        "The notebook is not valid JSON: {0}. Fix the JSON at this position (a missing comma or quote is the usual cause) or re-save the notebook from Jupyter.");

    public static readonly MessageDescriptor NB1002_EmptyFile = new("NB1002", Severity.Error,
        "The notebook file is empty. Save it from Jupyter (a new notebook has at least {{\"cells\": [], \"metadata\": {{}}, \"nbformat\": 4, \"nbformat_minor\": 5}}) or remove it from the project.");

    public static readonly MessageDescriptor NB1003_NotAnObject = new("NB1003", Severity.Error,
        "The notebook's top-level JSON value is {0}, but a notebook is a JSON object such as {{\"cells\": [], \"metadata\": {{}}, \"nbformat\": 4, \"nbformat_minor\": 5}}.");

    public static readonly MessageDescriptor NB1004_ReadFailed = new("NB1004", Severity.Error,
        "The notebook could not be read: {0}. Check that the file exists and is readable.");

    public static readonly MessageDescriptor NB1005_DuplicateKey = new("NB1005", Severity.Error,
        "The notebook JSON has a duplicate key: {0}. Keep one of the two entries.");

    public static readonly MessageDescriptor NB1006_WriteFailed = new("NB1006", Severity.Error,
        "The notebook could not be written to '{0}': {1}. Check that the folder exists and is writable.");

    // Format version (NB1010-NB1019).
    public static readonly MessageDescriptor NB1010_OldFormat = new("NB1010", Severity.Error,
        "This notebook uses nbformat {0}, which is no longer supported; notebooks must be nbformat 4. Upgrade it with: jupyter nbconvert --to notebook --nbformat 4 --inplace \"{1}\" (or: jupyter nbconvert --to notebook --nbformat 4 FILE).");

    public static readonly MessageDescriptor NB1011_NewerMajorFormat = new("NB1011", Severity.Error,
        "This notebook uses nbformat {0}, but this SDK reads nbformat 4 only. Save the notebook as nbformat 4 (jupyter nbconvert --to notebook --nbformat 4 FILE) or update the SDK.");

    public static readonly MessageDescriptor NB1012_NewerMinorFormat = new("NB1012", Severity.Warning,
        "This notebook uses nbformat 4.{0}, newer than 4.5; it is validated as 4.5 and fields added after 4.5 may be rejected. Save it as 4.5 if validation fails.");

    public static readonly MessageDescriptor NB1013_BadFormatNumber = new("NB1013", Severity.Error,
        "'{0}' must be a whole number (for example \"nbformat\": 4, \"nbformat_minor\": 5), not {1}.");

    // Schema (NB1020-NB1039).
    public static readonly MessageDescriptor NB1020_MissingKey = new("NB1020", Severity.Error,
        "{0} is missing the required key '{1}' (nbformat 4.{2} schema). Add it, for example \"{1}\": {3}.");

    public static readonly MessageDescriptor NB1021_WrongType = new("NB1021", Severity.Error,
        "{0} must be {1} (nbformat 4.{2} schema), but it is {3}.");

    public static readonly MessageDescriptor NB1022_UnexpectedKey = new("NB1022", Severity.Error,
        "{0} has the key '{1}', which the nbformat 4.{2} schema does not allow there. Remove it{3}.");

    public static readonly MessageDescriptor NB1023_UnknownCellType = new("NB1023", Severity.Error,
        "{0} has cell_type {1}; nbformat 4 cells are \"code\", \"markdown\" or \"raw\". Convert the cell (old \"heading\" cells become markdown cells starting with '#').");

    public static readonly MessageDescriptor NB1024_UnknownOutputType = new("NB1024", Severity.Error,
        "{0} has output_type {1}; nbformat 4 outputs are \"stream\", \"display_data\", \"execute_result\" or \"error\". Clear the cell's outputs and run it again.");

    public static readonly MessageDescriptor NB1025_InvalidValue = new("NB1025", Severity.Error,
        "{0} is {1}, but the nbformat 4.{2} schema requires {3}.");

    public static readonly MessageDescriptor NB1026_InvalidCellId = new("NB1026", Severity.Error,
        "{0} has id {1}; a cell id is 1 to 64 characters from a-z, A-Z, 0-9, '-' and '_' (for example \"a1b2c3d4\").");

    public static readonly MessageDescriptor NB1027_DuplicateCellId = new("NB1027", Severity.Error,
        "{0} has the id \"{1}\", already used by cell {2}; cell ids must be unique. Give one of them a new id.");

    public static readonly MessageDescriptor NB1028_MissingCellId = new("NB1028", Severity.Warning,
        "{0} has no 'id', which nbformat 4.5 requires. Re-save the notebook in Jupyter (or run nbformat's normalize()) to add cell ids.");

    public static readonly MessageDescriptor NB1029_InvalidTags = new("NB1029", Severity.Error,
        "{0} has an invalid tag {1}: tags are unique, non-empty strings without commas, for example \"tags\": [\"parameters\"].");

    // Content rules (NB1040-NB1049).
    public static readonly MessageDescriptor NB1040_RuntimeInstall = new("NB1040", Severity.Error,
        "Cell {0} installs packages at run time ('{1}'). Installs during a run are not reproducible and never run in the image: declare the package in requirements.txt (or a <PythonPackage Include=\"{2}\" /> item) and delete this line.");
}
