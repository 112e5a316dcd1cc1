namespace Notebook.Diagnostics;

// NB5xxx: Runner.
public static partial class Messages
{
}
