namespace Notebook.Diagnostics;

// NB4xxx: Images.
public static partial class Messages
{
}
