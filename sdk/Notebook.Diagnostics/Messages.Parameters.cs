namespace Notebook.Diagnostics;

// NB2xxx: Parameters.
public static partial class Messages
{
}
