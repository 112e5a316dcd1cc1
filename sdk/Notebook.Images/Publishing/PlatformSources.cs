namespace Notebook.Images;

/// <summary>
/// What differs between the platforms of one image: the platform, the runner built for it and the dependency folder
/// resolved for it (null: no dependency layer). The notebooks and content are shared.
/// </summary>
public sealed record PlatformSources(Platform Platform, string RunnerPath, string? DependencyDirectory)
{
    /// <summary>The sources of the one linux/amd64 image the inputs describe.</summary>
    public static PlatformSources Default(NotebookImageInputs inputs) => new(Platform.LinuxAmd64, inputs.RunnerPath, inputs.DependencyDirectory);
}
