namespace Notebook.Dependencies;

/// <summary>A <c>&lt;PythonPackage Include="pandas" Version="&gt;=2.2" /&gt;</c> item, as the task hands it over.</summary>
public sealed record PythonPackageItem(string Name, string? Version)
{
    /// <summary>The item as a requirement: a bare version "2.2.3" means "==2.2.3".</summary>
    public Requirement ToRequirement(RequirementSource source)
    {
        var version = Version?.Trim() ?? "";
        if (version.Length > 0 && char.IsDigit(version[0])) version = "==" + version;
        if (version.Length > 0 && !"<>=!~(".Contains(version[0]))
            throw Messages.NB3005_PythonPackageVersion.ExceptionAt(source.File, 0, 0, Name, Version);
        return RequirementParser.Parse(Name.Trim() + version, source);
    }
}

/// <summary>Everything a project declares: requirements.txt and pyproject.toml beside it, and PythonPackage items.</summary>
public sealed record DependencySources(string ProjectDirectory, string ProjectFile, IReadOnlyList<PythonPackageItem> Items)
{
    public string RequirementsFile => Path.Combine(ProjectDirectory, "requirements.txt");

    public string PyprojectFile => Path.Combine(ProjectDirectory, "pyproject.toml");

    /// <summary>All declared requirements, in source order: requirements.txt, pyproject.toml, then items.</summary>
    public IReadOnlyList<Requirement> Read()
    {
        var all = new List<Requirement>();
        if (File.Exists(RequirementsFile)) all.AddRange(RequirementsFileReader.Read(RequirementsFile));
        if (File.Exists(PyprojectFile)) all.AddRange(PyprojectReader.ReadDependencies(PyprojectFile));
        var itemSource = new RequirementSource(ProjectFile, 0, "PythonPackage");
        all.AddRange(Items.Select(i => i.ToRequirement(itemSource)));
        return all;
    }
}
