using Notebook.Diagnostics;
using Shouldly;
using Xunit;

namespace Notebook.Images.Tests.Unit;

public class ImageTagsTests
{
    [Fact]
    public void Release_version_gives_full_minor_major_and_latest() =>
        ImageTags.FromVersion("1.4.0").ShouldBe(["1.4.0", "1.4", "1", "latest"]);

    [Fact]
    public void Prerelease_gives_only_itself_and_build_metadata_is_dropped()
    {
        ImageTags.FromVersion("1.4.0-beta.1").ShouldBe(["1.4.0-beta.1"]);
        ImageTags.FromVersion("2.0.1+abc123").ShouldBe(["2.0.1", "2.0", "2", "latest"]);
    }

    [Fact]
    public void Invalid_tag_is_NB4007() =>
        Should.Throw<NotebookSdkException>(() => ImageTags.FromVersion("1.0/evil")).Code.ShouldBe("NB4007");
}
