namespace Notebook.Diagnostics;

/// <summary>
/// Writes a file whole or not at all, the one way every library does it: the content goes to a temp file of a unique
/// name beside the target, is flushed (and fsynced when <c>durable</c>), then renamed over the target; the temp file
/// never survives, whatever fails. Callers map the IOException to their own NB code. (It lives in the BCL-only
/// assembly that every library already references.)
/// </summary>
public static class AtomicWrite
{
    /// <summary>The temp file used for <paramref name="path"/>: hidden, beside it, unique.</summary>
    public static string TempPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Writes through <paramref name="write"/>. With <paramref name="overwrite"/> false an existing target is kept (a
    /// content-addressed file another writer finished first) and the new bytes are dropped.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, bool durable = false, bool overwrite = true,
        CancellationToken cancellationToken = default)
    {
        var temp = TempPathFor(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (durable) stream.Flush(flushToDisk: true);
            }

            Move(temp, path, overwrite);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, bool durable = false, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), durable, overwrite: true, cancellationToken);

    /// <summary>The synchronous form, for MSBuild tasks.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, bool durable = false)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: durable);
            }

            Move(temp, path, overwrite: true);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    /// <summary>
    /// Writes a generated file only when its bytes change (so timestamps downstream stay put), creating its folder;
    /// true when it was written.
    /// </summary>
    public static bool WriteIfChanged(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && File.ReadAllBytes(full).AsSpan().SequenceEqual(content))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        WriteAllBytes(full, content);
        return true;
    }

    private static void Move(string temp, string path, bool overwrite)
    {
        try
        {
            File.Move(temp, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
        }
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
