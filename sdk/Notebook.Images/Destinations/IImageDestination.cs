namespace Notebook.Images;

/// <summary>Where an assembled image goes: a registry, an OCI layout folder, a docker-archive tar, a Docker engine.</summary>
public interface IImageDestination
{
    Task PublishAsync(BuiltImage image, IReadOnlyList<string> tags, CancellationToken cancellationToken = default);
}

/// <summary>Pushes to a registry repository; blobs of a base in the same registry are mounted, not re-uploaded.</summary>
public sealed class RegistryDestination(RegistryClient client, string repository, string? mountFrom = null) : IImageDestination
{
    public PushResult? Result { get; private set; }

    public async Task PublishAsync(BuiltImage image, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        Result = await client.PushAsync(repository, image, tags, mountFrom, cancellationToken).ConfigureAwait(false);
}
