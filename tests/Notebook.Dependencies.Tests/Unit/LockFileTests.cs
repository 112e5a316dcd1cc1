namespace Notebook.Dependencies.Tests.Unit;

public sealed class LockFileTests
{
    private static readonly string s_hashA = new('a', 64);
    private static readonly string s_hashB = new('b', 64);

    private static LockInputs Inputs(string python = "3.12", params string[] reqs) =>
        new(RequirementMerger.Merge(reqs.Select(r => RequirementParser.Parse(r, new RequirementSource("requirements.txt", 1)))),
            new TargetEnvironment(python, TargetEnvironment.DefaultPlatform, "python:3.12-slim", "sha256:" + new string('c', 64)));

    [Fact]
    public void Lock_text_is_pip_format_sorted_with_a_header()
    {
        var lockFile = LockFile.Create(Inputs("3.12", "Zeta", "alpha>=1"), [new LockedPackage("Zeta", "2.0", [s_hashB, s_hashA]), new LockedPackage("alpha", "1.0", [s_hashA])]);

        var text = lockFile.ToText();

        text.ShouldContain("# inputs-digest: sha256:");
        text.ShouldContain("# base-image-digest: sha256:" + new string('c', 64) + "\n");
        text.ShouldEndWith($"alpha==1.0 \\\n    --hash=sha256:{s_hashA}\nzeta==2.0 \\\n    --hash=sha256:{s_hashA} \\\n    --hash=sha256:{s_hashB}\n");
        text.ShouldNotContain("\r");
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes_and_the_text_reads_back()
    {
        var a = LockFile.Create(Inputs("3.12", "beta", "alpha"), [new LockedPackage("beta", "1", [s_hashB]), new LockedPackage("alpha", "1", [s_hashA])]).ToBytes();
        var b = LockFile.Create(Inputs("3.12", "alpha", "beta"), [new LockedPackage("alpha", "1", [s_hashA]), new LockedPackage("beta", "1", [s_hashB])]).ToBytes();
        a.ShouldBe(b);

        var parsed = LockFile.Parse(System.Text.Encoding.UTF8.GetString(a), "requirements.lock");
        parsed.InputsDigest.ShouldBe(Inputs("3.12", "alpha", "beta").Digest);
        parsed.Target.PythonVersion.ShouldBe("3.12");
        parsed.Target.BaseImage.ShouldBe("python:3.12-slim");
        parsed.Packages.Select(p => $"{p.Name}=={p.Version}").ShouldBe(["alpha==1", "beta==1"]);
        parsed.Requirements.ShouldBe(["alpha", "beta"]);
        LockFile.ReadInputsDigest(System.Text.Encoding.UTF8.GetString(a)).ShouldBe(parsed.InputsDigest);
    }

    [Fact]
    public void Digest_follows_requirements_python_and_base_image_but_not_spelling()
    {
        var digest = Inputs("3.12", "alpha>=1", "beta").Digest;
        Inputs("3.12", "beta", "Alpha >= 1").Digest.ShouldBe(digest);
        Inputs("3.11", "alpha>=1", "beta").Digest.ShouldNotBe(digest);
        Inputs("3.12", "alpha>=2", "beta").Digest.ShouldNotBe(digest);
        var other = Inputs("3.12", "alpha>=1", "beta") with { Target = new TargetEnvironment("3.12", TargetEnvironment.DefaultPlatform, "python:3.12-bookworm") };
        other.Digest.ShouldNotBe(digest);
    }

    [Theory]
    [InlineData("alpha==1.0\n")]
    [InlineData("# inputs-digest: sha256:0\n# python-version: 3.12\n# platform: x\nalpha>=1.0 --hash=sha256:" + "0000000000000000000000000000000000000000000000000000000000000000\n")]
    public void A_lock_not_written_by_the_sdk_is_NB3033(string text) =>
        Should.Throw<NotebookSdkException>(() => LockFile.Parse(text, "requirements.lock")).Code.ShouldBe("NB3033");

    [Fact]
    public void Manylinux_platform_expands_to_older_glibc_tags()
    {
        var tags = new TargetEnvironment("3.12", "manylinux_2_36_x86_64").PlatformTags;
        tags[0].ShouldBe("manylinux_2_36_x86_64");
        tags.ShouldContain("manylinux_2_17_x86_64");
        tags[^1].ShouldBe("manylinux2014_x86_64");
        new TargetEnvironment("3.12", "macosx_11_0_arm64;any").PlatformTags.ShouldBe(["macosx_11_0_arm64", "any"]);
    }

    [Fact]
    public void Pip_errors_map_to_codes()
    {
        var target = TargetEnvironment.Default;
        PipErrors.Translate("x", new PipResult(1, "ERROR: Could not find a version that satisfies the requirement beta==3.0 (from versions: 1.0, 2.0)\nERROR: No matching distribution found for beta==3.0\n"), target, "l").Code.ShouldBe("NB3020");
        PipErrors.Translate("x", new PipResult(1, "ERROR: Could not find a version that satisfies the requirement nosuch (from versions: none)\n"), target, "l").Code.ShouldBe("NB3021");
        PipErrors.Translate("x", new PipResult(1, "WARNING: Retrying ... 'NewConnectionError(... Failed to establish a new connection: [Errno 111] Connection refused')\nERROR: Could not find a version that satisfies the requirement a (from versions: none)\n"), target, "l").Code.ShouldBe("NB3022");
        PipErrors.Translate("x", new PipResult(1, "ERROR: Cannot install a and b because these package versions have conflicting dependencies.\nERROR: ResolutionImpossible: for help visit ...\n"), target, "l").Code.ShouldBe("NB3023");
        PipErrors.Translate("x", new PipResult(1, "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.\n"), target, "l").Code.ShouldBe("NB3024");
        var other = PipErrors.Translate("x", new PipResult(2, "something\nERROR: odd failure\n"), target, "l");
        other.Code.ShouldBe("NB3025");
        other.Message.ShouldContain("ERROR: odd failure");
    }
}
