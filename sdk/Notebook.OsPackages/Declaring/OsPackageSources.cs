namespace Notebook.OsPackages;

/// <summary>What a project declares: apt.txt beside the project file (when there is one) and its DebianPackage items.</summary>
public sealed record OsPackageSources(string ProjectDirectory, string ProjectFile, IReadOnlyList<DebianPackageRequest> Items)
{
    public string AptFilePath => Path.Combine(ProjectDirectory, AptFileReader.FileName);

    /// <summary>Merged and deduplicated, sorted by name; empty when the project asks for no OS package.</summary>
    public IReadOnlyList<DebianPackageRequest> Read()
    {
        var all = new List<DebianPackageRequest>();
        if (File.Exists(AptFilePath)) all.AddRange(AptFileReader.Parse(File.ReadAllText(AptFilePath), AptFilePath));
        all.AddRange(Items.Select(i => i with { Source = ProjectFile }));
        return DebianPackageMerger.Merge(all);
    }
}

/// <summary>Where and for what packages are resolved (NotebookDebian* properties).</summary>
public sealed record OsPackageSettings(string BaseImage, string? BaseImageDigest, Images.Platform Platform, string Mirror, string Suite,
    IReadOnlyList<string> Components)
{
    public const string DefaultMirror = "http://deb.debian.org/debian";

    public string Architecture => BaseSystemLoader.DebianArchitecture(Platform);

    public OsPackageInputs Inputs(IReadOnlyList<DebianPackageRequest> requests) => new(requests, Suite, Components, Architecture, BaseImage);
}
