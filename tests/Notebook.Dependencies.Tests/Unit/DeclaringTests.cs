namespace Notebook.Dependencies.Tests.Unit;

public sealed class DeclaringTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nbdeps-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static RequirementSource Src => new("requirements.txt", 1);

    [Theory]
    [InlineData("Pandas>=2.2", "pandas>=2.2")]
    [InlineData("  zope.Interface  ==  5.0 ", "zope-interface==5.0")]
    [InlineData("requests[socks, Security]>=2,<3", "requests[security,socks]<3,>=2")]
    [InlineData("numpy (>=1.26)", "numpy>=1.26")]
    [InlineData("tomli>=1.1; python_version < \"3.11\"", "tomli>=1.1 ; python_version < \"3.11\"")]
    [InlineData("attrs", "attrs")]
    [InlineData("pkg @ https://example.com/pkg-1.0-py3-none-any.whl", "pkg @ https://example.com/pkg-1.0-py3-none-any.whl")]
    public void Requirements_are_normalised(string text, string expected) =>
        RequirementParser.Parse(text, Src).ToString().ShouldBe(expected);

    [Theory]
    [InlineData("pandas >>= 2")]
    [InlineData("-pandas")]
    [InlineData("pandas==")]
    public void Malformed_requirements_are_NB3001(string text) =>
        Should.Throw<NotebookSdkException>(() => RequirementParser.Parse(text, Src)).Code.ShouldBe("NB3001");

    [Theory]
    [InlineData("Foo.Bar_baz", "foo-bar-baz")]
    [InlineData("foo--bar", "foo-bar")]
    [InlineData("PyYAML", "pyyaml")]
    public void Names_follow_pep_503(string name, string expected) => PackageName.Normalize(name).ShouldBe(expected);

    [Fact]
    public void Requirements_file_has_comments_continuations_and_includes()
    {
        Write("base.txt", "beta>=1.0  # base\n");
        var path = Write("requirements.txt", "# top\n\nalpha \\\n  >=1.0\n-r base.txt\nurl-pkg @ https://x/y.whl#sha256=abc\n");

        var reqs = RequirementsFileReader.Read(path);

        reqs.Select(r => r.ToString()).ShouldBe(["alpha>=1.0", "beta>=1.0", "url-pkg @ https://x/y.whl#sha256=abc"]);
        reqs[0].Source.Line.ShouldBe(3);
    }

    [Fact]
    public void Index_options_in_a_requirements_file_are_NB3002()
    {
        var path = Write("requirements.txt", "alpha\n--index-url https://example.com/simple\n");
        var ex = Should.Throw<NotebookSdkException>(() => RequirementsFileReader.Read(path));
        ex.Code.ShouldBe("NB3002");
        ex.Diagnostic.Line.ShouldBe(2);
    }

    [Fact]
    public void Pyproject_dependencies_are_read_over_several_lines_with_comments()
    {
        const string toml = """
            # a comment
            [build-system]
            requires = ["setuptools>=61", 'wheel']

            [project]
            name = "daily-report"   # name
            version = '1.0'
            description = \"\"\"A "report"
            over lines\"\"\"
            authors = [{ name = "A", email = "a@example.com" }]
            dependencies = [
              "pandas>=2.2",  # data frames
              'PyYAML==6.0.1',
              # a comment line inside
              "requests[socks] >=2.31, <3",
            ]
            optional-dependencies = { test = ["pytest"] }

            [tool.other]
            dependencies = ["not-this"]
            """;
        var reqs = PyprojectReader.Parse(toml.Replace("\\\"", "\""), "pyproject.toml").Dependencies;
        reqs.Select(r => r.ToString()).ShouldBe(["pandas>=2.2", "pyyaml==6.0.1", "requests[socks]<3,>=2.31"]);
        reqs[1].Source.Line.ShouldBe(13);
    }

    [Fact]
    public void Pyproject_with_dotted_key_and_no_dependencies()
    {
        PyprojectReader.Parse("project.dependencies = [\"a\"]\n", "p.toml").Dependencies.Single().Name.ShouldBe("a");
        PyprojectReader.Parse("project = { dependencies = [\"b\"] }\n", "p.toml").Dependencies.Single().Name.ShouldBe("b");
        PyprojectReader.Parse("[project]\nname = \"x\"\n", "p.toml").Dependencies.ShouldBeEmpty();
        PyprojectReader.Parse("[tool.black]\nline-length = 100\ntarget = [\"py311\"]\n", "p.toml").Dependencies.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[project]\ndependencies = [1, 2]\n")]
    [InlineData("[project]\ndependencies = \"pandas\"\n")]
    [InlineData("[project]\ndependencies = [\"pandas\"\n")]
    [InlineData("[project]\nname = \"unclosed\n")]
    [InlineData("[project]\noptional-dependencies = { test = \"pytest\" }\n")]
    [InlineData("[project]\nrequires-python = 3.12\n")]
    [InlineData("[project]\nname = \"a\"\nname = \"b\"\n")]
    public void Broken_pyproject_is_NB3003(string toml) =>
        Should.Throw<NotebookSdkException>(() => PyprojectReader.Parse(toml, "pyproject.toml")).Code.ShouldBe("NB3003");

    [Fact]
    public void Pyproject_optional_dependencies_and_requires_python_are_read_in_every_toml_form()
    {
        const string toml = """
            [project]
            name = "Daily_Report"
            requires-python = ">=3.10"

            [project.optional-dependencies]
            "docs" = ["sphinx"]
            Test = [
              "pytest>=8",
            ]
            all = ["daily-report[test,docs]"]
            """;

        var meta = PyprojectReader.Parse(toml, "pyproject.toml");

        meta.Name.ShouldBe("Daily_Report");
        meta.RequiresPython!.Value.Specifier.ShouldBe(">=3.10");
        meta.RequiresPython!.Value.Source.Line.ShouldBe(3);
        meta.OptionalDependencies.Keys.ShouldBe(["all", "docs", "test"]);
        meta.OptionalDependencies["test"].Single().ToString().ShouldBe("pytest>=8");
        meta.OptionalDependencies["test"].Single().Source.Line.ShouldBe(8);
        PyprojectReader.Parse("project.optional-dependencies.docs = [\"sphinx\"]\n", "p.toml").OptionalDependencies["docs"].Single().Name.ShouldBe("sphinx");
        meta.Dependencies.ShouldBeEmpty();
    }

    [Fact]
    public void Named_extras_are_locked_and_a_group_naming_the_project_pulls_in_others()
    {
        Write("pyproject.toml", """
            [project]
            name = "job"
            dependencies = ["pandas>=2.2"]
            [project.optional-dependencies]
            test = ["pytest"]
            plot = ["matplotlib"]
            all = ["job[test,plot]", "rich"]
            """);
        DependencySources With(params string[] extras) => new(_dir, Path.Combine(_dir, "job.nbproj"), [], extras);

        With().Read().Select(r => r.Name).ShouldBe(["pandas"]);
        With("test").Read().Select(r => r.Name).ShouldBe(["pandas", "pytest"]);
        RequirementMerger.Merge(With("ALL").Read()).Select(r => r.Name).ShouldBe(["matplotlib", "pandas", "pytest", "rich"]);
        Should.Throw<NotebookSdkException>(() => With("docs").Read()).Code.ShouldBe("NB3060");
    }

    [Theory]
    [InlineData(">=3.10", "3.12", true)]
    [InlineData(">=3.13", "3.12", false)]
    [InlineData(">=3.9, <3.12", "3.12", false)]
    [InlineData(">=3.9,<3.13", "3.12", true)]
    [InlineData("~=3.11", "3.12", true)]
    [InlineData("~=3.11.2", "3.12", false)]
    [InlineData("==3.12.*", "3.12", true)]
    [InlineData("==3.11.*", "3.12", false)]
    [InlineData("!=3.12.*", "3.12", false)]
    [InlineData("!=3.11", "3.12", true)]
    [InlineData(">=3.12.1", "3.12", false)]
    [InlineData("==3.12", "3.12.0", true)]
    [InlineData(">3.12", "3.12", false)]
    [InlineData("<=3.12", "3.12", true)]
    public void Requires_python_is_evaluated_as_pep_440_release_numbers(string specifier, string python, bool allowed) =>
        PythonVersionSpecifier.Allows(specifier, python, Src).ShouldBe(allowed);

    [Theory]
    [InlineData("3.10")]
    [InlineData(">=three")]
    [InlineData("~=3")]
    public void Unreadable_requires_python_is_NB3062(string specifier) =>
        Should.Throw<NotebookSdkException>(() => PythonVersionSpecifier.Allows(specifier, "3.12", Src)).Code.ShouldBe("NB3062");

    [Fact]
    public void Requires_python_that_excludes_the_image_python_is_NB3061_at_its_line()
    {
        Write("pyproject.toml", "[project]\nname = \"job\"\nrequires-python = \">=3.13\"\ndependencies = [\"a\"]\n");
        var sources = new DependencySources(_dir, Path.Combine(_dir, "job.nbproj"), []);

        sources.Read().Single().Name.ShouldBe("a");
        var ex = Should.Throw<NotebookSdkException>(() => sources.Read(TargetEnvironment.Default));
        ex.Code.ShouldBe("NB3061");
        ex.Diagnostic.Line.ShouldBe(3);
        sources.Read(TargetEnvironment.Default with { PythonVersion = "3.13" }).Single().Name.ShouldBe("a");
    }

    [Fact]
    public void Sources_merge_into_one_sorted_list()
    {
        Write("requirements.txt", "Pandas>=2.2\nalpha\n");
        Write("pyproject.toml", "[project]\ndependencies = [\"pandas<3\", \"beta==1.0\"]\n");
        var sources = new DependencySources(_dir, Path.Combine(_dir, "job.nbproj"), [new PythonPackageItem("Alpha", "1.0"), new PythonPackageItem("gamma", null)]);

        var merged = RequirementMerger.Merge(sources.Read());

        merged.Select(r => r.ToString()).ShouldBe(["alpha==1.0", "beta==1.0", "gamma", "pandas<3,>=2.2"]);
    }

    [Fact]
    public void Two_exact_pins_conflict_naming_both_sources()
    {
        Write("requirements.txt", "alpha==1.0\n");
        var sources = new DependencySources(_dir, Path.Combine(_dir, "job.nbproj"), [new PythonPackageItem("alpha", "==2.0")]);

        var ex = Should.Throw<NotebookSdkException>(() => RequirementMerger.Merge(sources.Read()));

        ex.Code.ShouldBe("NB3004");
        ex.Message.ShouldContain("requirements.txt(1)");
        ex.Message.ShouldContain("job.nbproj (PythonPackage)");
    }

    [Fact]
    public void Equal_pins_in_other_spelling_do_not_conflict()
    {
        var a = RequirementParser.Parse("alpha==1.0", Src);
        var b = RequirementParser.Parse("Alpha==1.0.0", new RequirementSource("other.txt", 2));
        RequirementMerger.Merge([a, b]).Count.ShouldBe(1);
    }

    [Fact]
    public void A_python_package_item_with_a_bad_version_is_NB3005() =>
        Should.Throw<NotebookSdkException>(() => new PythonPackageItem("pandas", "latest").ToRequirement(new RequirementSource("job.nbproj", 0, "PythonPackage")))
            .Code.ShouldBe("NB3005");
}
