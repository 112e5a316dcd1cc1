using System.Reflection;
using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Documents.Tests;

public class MessagesTests
{
    [Fact]
    public void Codes_are_unique_well_formed_and_match_their_field_names()
    {
        Messages.All.ShouldNotBeEmpty();
        Messages.All.Select(d => d.Code).ShouldBeUnique();
        foreach (var field in typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(MessageDescriptor)))
        {
            var descriptor = (MessageDescriptor)field.GetValue(null)!;
            descriptor.Code.ShouldMatch(@"^NB[1-6]\d{3}$");
            field.Name.ShouldStartWith(descriptor.Code + "_");
        }
    }

    [Fact]
    public void Notebook_and_parameter_codes_are_in_their_ranges()
    {
        // Messages.Notebooks.cs holds NB1xxx only, Messages.Parameters.cs NB2xxx only.
        var source = Path.Combine(TestPaths.RepoRoot, "sdk", "Notebook.Diagnostics");
        foreach (var (file, digit) in new[] { ("Messages.Notebooks.cs", '1'), ("Messages.Parameters.cs", '2') })
        {
            var codes = Regex.Matches(File.ReadAllText(Path.Combine(source, file)), "new\\(\"(NB\\d{4})\"").Select(m => m.Groups[1].Value).ToList();
            codes.ShouldNotBeEmpty();
            codes.ShouldAllBe(c => c[2] == digit);
        }
    }

    [Fact]
    public void Every_format_accepts_the_arguments_its_users_pass()
    {
        // A format with a broken placeholder throws on Create; give ten arguments to cover every index used.
        foreach (var descriptor in Messages.All.Where(d => d.Code.StartsWith("NB1", StringComparison.Ordinal) || d.Code.StartsWith("NB2", StringComparison.Ordinal)))
            Should.NotThrow(() => descriptor.Create(Enumerable.Range(0, 10).Select(i => (object?)$"arg{i}").ToArray()), descriptor.Code);
    }
}
