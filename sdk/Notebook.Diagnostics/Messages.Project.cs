namespace Notebook.Diagnostics;

// NB6xxx: Project.
public static partial class Messages
{
}
