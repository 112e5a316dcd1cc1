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

/// <summary>
/// Everything a project declares: requirements.txt and pyproject.toml beside it (its dependencies, and the
/// optional-dependencies groups named in <paramref name="Extras"/>), and PythonPackage items.
/// </summary>
public sealed record DependencySources(string ProjectDirectory, string ProjectFile, IReadOnlyList<PythonPackageItem> Items, IReadOnlyList<string>? Extras = null)
{
    public string RequirementsFile => Path.Combine(ProjectDirectory, "requirements.txt");

    public string PyprojectFile => Path.Combine(ProjectDirectory, "pyproject.toml");

    /// <summary>
    /// All declared requirements, in source order: requirements.txt, pyproject.toml, then items. With a target,
    /// pyproject's requires-python must allow its Python version (NB3061).
    /// </summary>
    public IReadOnlyList<Requirement> Read(TargetEnvironment? target = null)
    {
        var all = new List<Requirement>();
        if (File.Exists(RequirementsFile)) all.AddRange(RequirementsFileReader.Read(RequirementsFile));
        var pyproject = File.Exists(PyprojectFile) ? PyprojectReader.Read(PyprojectFile) : PyprojectMetadata.Empty;
        all.AddRange(pyproject.Dependencies);
        all.AddRange(OptionalDependencies(pyproject));
        if (target is not null && pyproject.RequiresPython is var (specifier, source)
            && !PythonVersionSpecifier.Allows(specifier, target.PythonVersion, source))
            throw Messages.NB3061_RequiresPythonExcludesTarget.ExceptionAt(source.File, source.Line, 0, specifier, target.PythonVersion);
        var itemSource = new RequirementSource(ProjectFile, 0, "PythonPackage");
        all.AddRange(Items.Select(i => i.ToRequirement(itemSource)));
        return all;
    }

    // pip's "me[test]" on a project named "me": a group may name the project itself to pull in other groups.
    private IEnumerable<Requirement> OptionalDependencies(PyprojectMetadata pyproject)
    {
        var self = pyproject.Name is null ? null : PackageName.Normalize(pyproject.Name);
        var pending = new Queue<string>((Extras ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Select(PackageName.Normalize));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var extra))
        {
            if (!seen.Add(extra)) continue;
            if (!pyproject.OptionalDependencies.TryGetValue(extra, out var group))
            {
                var known = pyproject.OptionalDependencies.Keys.ToArray();
                throw Messages.NB3060_UnknownExtra.ExceptionAt(File.Exists(PyprojectFile) ? PyprojectFile : ProjectFile, 0, 0,
                    extra, known.Length == 0 ? "none" : string.Join(", ", known), known.FirstOrDefault() ?? "test");
            }
            foreach (var requirement in group)
            {
                if (requirement.NormalizedName == self && requirement.Url is null)
                    foreach (var inner in requirement.Extras) pending.Enqueue(inner);
                else yield return requirement;
            }
        }
    }
}
