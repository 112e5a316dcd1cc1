namespace Notebook.Diagnostics;

// NB3xxx: Dependencies.
public static partial class Messages
{
}
