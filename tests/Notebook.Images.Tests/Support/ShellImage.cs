namespace Notebook.Images.Tests.Support;

/// <summary>
/// The smallest image that runs a script: the host's dash with the two libraries it links, entrypoint
/// <c>/bin/sh -c</c>. dash has echo, read and redirections built in, which is all the engine tests need.
/// </summary>
public static class ShellImage
{
    public const string Name = "notebook/engine-sh";

    /// <summary>Assembles the image and loads it as notebook/engine-sh:test into the engine; returns the reference.</summary>
    public static async Task<string> LoadAsync(DockerEngine engine)
    {
        using var cache = new TempDirectory();
        using var assembler = new ImageAssembler();
        var assembled = await assembler.AssembleAsync(new AssembleRequest
        {
            CacheDirectory = cache.Path,
            Layers =
            [
                new LayerSpec("rootfs",
                [
                    LayerEntry.FromFile("/bin/sh", "/bin/dash", executable: true),
                    LayerEntry.FromFile("/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", executable: true),
                    LayerEntry.FromFile("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", executable: true),
                    LayerEntry.WritableDirectory("/tmp"),
                ]),
            ],
            Settings = new ImageSettings { Entrypoint = ["/bin/sh", "-c"], Environment = [new("PATH", "/bin")] },
        });
        await new DockerEngineDestination(engine, Name).PublishAsync(assembled.Image, ["test"]);
        return Name + ":test";
    }
}
