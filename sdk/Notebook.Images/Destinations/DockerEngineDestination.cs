using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>Loads the image into a Docker engine through a docker-archive written to a temp file.</summary>
public sealed class DockerEngineDestination(DockerEngine engine, string imageName, DateTimeOffset? timestamp = null) : IImageDestination
{
    public async Task PublishAsync(BuiltImage image, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        await PingAsync(engine, cancellationToken).ConfigureAwait(false);
        var temp = Path.Combine(Path.GetTempPath(), $"nb-image-{Guid.NewGuid():N}.tar");
        try
        {
            await new DockerArchiveWriter(imageName, timestamp).WriteAsync(image, tags, temp, cancellationToken).ConfigureAwait(false);
            await using var stream = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await engine.LoadImageAsync(stream, imageName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Ping for a publish: an engine that does not answer is NB4020, which carries the engine's NB4090 text and adds
    /// the destinations that need no engine.
    /// </summary>
    public static async Task PingAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        try
        {
            await engine.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotebookSdkException e) when (e.Code == "NB4090")
        {
            throw new NotebookSdkException(Messages.NB4020_DockerEngineUnavailable.Create($"{e.Code}: {e.Diagnostic.Message}"), e);
        }
    }
}
