using System.Text;
using Notebook.Diagnostics;
using Notebook.Documents;

namespace Notebook.Runner;

/// <summary>Writes outputs so that a reader never sees half a file: a temp file in the same folder, flushed, then renamed.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteTextAsync(string path, string text, bool durable = true)
    {
        try
        {
            // Durable (fsync) for final files; a save during the run only needs the rename, which a killed process cannot tear.
            await AtomicWrite.WriteAllBytesAsync(path, Utf8NoBom.GetBytes(text), durable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookSdkException(Messages.NB5211_OutputWriteFailed.Create(path, e.Message), e);
        }
    }

    public static async Task WriteNotebookAsync(NotebookDocument document, string path, bool durable = true)
    {
        try
        {
            await NotebookWriter.WriteAtomicAsync(document, path, durable: durable);
        }
        catch (NotebookSdkException e) when (e.Code == "NB1006")
        {
            throw new NotebookSdkException(Messages.NB5211_OutputWriteFailed.Create(path, e.InnerException?.Message ?? e.Message), e);
        }
    }
}
