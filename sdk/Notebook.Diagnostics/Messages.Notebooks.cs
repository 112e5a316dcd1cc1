namespace Notebook.Diagnostics;

// NB1xxx: Notebooks.
public static partial class Messages
{
}
