namespace Notebook.Runner.Tests.Support;

/// <summary>Base of tests that work in temp folders: xunit disposes each test's instance, and the folders go with it.</summary>
public abstract class TempFolderTest : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        GC.SuppressFinalize(this);
    }

    protected string NewTempDirectory()
    {
        var path = TestPaths.NewTempDirectory();
        _folders.Add(path);
        return path;
    }
}
