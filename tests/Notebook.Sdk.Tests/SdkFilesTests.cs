using System.Xml;
using System.Xml.Linq;

namespace Notebook.Sdk.Tests;

/// <summary>The SDK's props and targets are well-formed XML (an MSBuild load error would break every project).</summary>
public sealed class SdkFilesTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(Path.Combine(Repo.Root, "sdk", "Notebook.Sdk", "Sdk")).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void Sdk_file_is_well_formed(string name)
    {
        var path = Path.Combine(Repo.Root, "sdk", "Notebook.Sdk", "Sdk", name);
        var load = () => XDocument.Load(path);
        XmlException? failure = null;
        try { load(); } catch (XmlException e) { failure = e; }
        failure.ShouldBeNull();
        XDocument.Load(path).Root!.Name.LocalName.ShouldBe("Project");
    }
}
