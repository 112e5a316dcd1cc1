namespace Notebook.Dependencies.Tests.Unit;

/// <summary>Which locks a project has for the image's runtime identifiers, and what each is resolved for.</summary>
public sealed class PlatformLockTests
{
    private static readonly TargetEnvironment Target = new("3.12", "manylinux_2_36_x86_64", "python:3.12-slim");

    [Fact]
    public void One_platform_or_none_is_requirements_lock_for_the_platform_as_given()
    {
        var none = PlatformLocks.For("/p/requirements.lock", Target, "");
        none.ShouldHaveSingleItem().ShouldBe(new PlatformLock("linux-x64", "/p/requirements.lock", Target, InImage: true));
        PlatformLocks.For("/p/requirements.lock", Target, "linux-x64").ShouldBe(none);
    }

    [Fact]
    public void Each_other_runtime_identifier_gets_its_own_lock_next_to_it_for_its_machine()
    {
        var locks = PlatformLocks.For("/p/requirements.lock", Target, "linux-arm64;linux-x64;linux-arm64");

        locks.Select(l => (l.RuntimeIdentifier, l.LockPath, l.Target.Platform, l.InImage)).ShouldBe(
        [
            ("linux-x64", "/p/requirements.lock", "manylinux_2_36_x86_64", true),
            ("linux-arm64", "/p/requirements.linux-arm64.lock", "manylinux_2_36_aarch64", true),
        ]);
        locks[1].Target.PlatformTags.ShouldContain("manylinux2014_aarch64");
        locks[1].Target.PlatformTags.ShouldAllBe(t => t.EndsWith("_aarch64"));
        (locks[1].Target with { Platform = Target.Platform }).ShouldBe(Target);
        // Different inputs, so a lock made for one platform is stale for the other.
        new LockInputs([], locks[1].Target).Digest.ShouldNotBe(new LockInputs([], Target).Digest);
    }

    [Fact]
    public void An_arm64_only_image_still_has_requirements_lock_but_not_in_the_image()
    {
        var locks = PlatformLocks.For("/p/deps.lock", Target, "linux-arm64");
        locks.Select(l => (l.LockPath, l.InImage)).ShouldBe([("/p/deps.lock", false), ("/p/deps.linux-arm64.lock", true)]);
    }

    [Theory]
    [InlineData("musllinux_1_2_x86_64;linux_x86_64;any", "musllinux_1_2_aarch64;linux_aarch64;any")]
    [InlineData("manylinux_2_28_aarch64", "manylinux_2_28_aarch64")]
    public void Tags_naming_a_machine_are_rewritten_and_others_kept(string given, string arm)
    {
        PlatformLocks.TargetFor(Target with { Platform = given }, "linux-arm64").Platform.ShouldBe(arm);
    }

    [Fact]
    public void A_runtime_identifier_without_a_python_platform_is_NB3063()
    {
        Should.Throw<NotebookSdkException>(() => PlatformLocks.For("/p/requirements.lock", Target, "linux-x64;win-x64"))
            .Diagnostic.Code.ShouldBe("NB3063");
    }
}
