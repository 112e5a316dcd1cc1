using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Notebook.Dependencies;

/// <summary>What a pyproject.toml's <c>[project]</c> table (PEP 621) declares for the lock.</summary>
/// <param name="Name">The project's own name, for extras that name the project itself (<c>all = ["me[test,docs]"]</c>).</param>
/// <param name="RequiresPython">The <c>requires-python</c> specifier and its source, or null.</param>
public sealed record PyprojectMetadata(
    string? Name,
    IReadOnlyList<Requirement> Dependencies,
    IReadOnlyDictionary<string, IReadOnlyList<Requirement>> OptionalDependencies,
    (string Specifier, RequirementSource Source)? RequiresPython)
{
    public static PyprojectMetadata Empty { get; } = new(null, [], new Dictionary<string, IReadOnlyList<Requirement>>(), null);
}

/// <summary>
/// Reads <c>[project] dependencies</c>, <c>optional-dependencies</c> and <c>requires-python</c> from a pyproject.toml
/// with Tomlyn's syntax tree, which keeps each value's line for messages. Keys may be written as tables,
/// dotted keys or inline tables; everything else in the file is left alone.
/// </summary>
public static class PyprojectReader
{
    public static PyprojectMetadata Read(string path)
    {
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full);
    }

    public static PyprojectMetadata Parse(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, validate: true);
        var error = document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error);
        if (error is not null) throw Error(path, error.Span, error.Message);

        var values = new List<(string Key, ValueSyntax Value)>();
        Collect("", document.KeyValues, values);
        foreach (var table in document.Tables)
            if (table is TableSyntax) Collect(KeyText(table.Name) + ".", table.Items, values);

        string? name = null;
        IReadOnlyList<Requirement> dependencies = [];
        var optional = new SortedDictionary<string, IReadOnlyList<Requirement>>(StringComparer.Ordinal);
        (string, RequirementSource)? requiresPython = null;
        const string group = "project.optional-dependencies.";
        foreach (var (key, value) in values)
        {
            if (key == "project.name") name = StringOf(value, path, key);
            else if (key == "project.requires-python") requiresPython = (StringOf(value, path, key).Trim(), new RequirementSource(path, Line(value)));
            else if (key == "project.dependencies") dependencies = Requirements(value, path, key);
            else if (key.StartsWith(group, StringComparison.Ordinal)) optional[PackageName.Normalize(key[group.Length..])] = Requirements(value, path, key);
        }
        return new PyprojectMetadata(name, dependencies, optional, requiresPython);
    }

    // Every key/value under a prefix, inline tables flattened into dotted keys.
    private static void Collect(string prefix, IEnumerable<KeyValueSyntax> items, List<(string, ValueSyntax)> into)
    {
        foreach (var item in items)
        {
            var key = prefix + KeyText(item.Key);
            if (item.Value is InlineTableSyntax inline) Collect(key + ".", inline.Items.Select(i => i.KeyValue).OfType<KeyValueSyntax>(), into);
            else if (item.Value is not null) into.Add((key, item.Value));
        }
    }

    private static string KeyText(KeySyntax? key)
    {
        if (key is null) return "";
        var parts = new List<string> { Part(key.Key) };
        parts.AddRange(key.DotKeys.Select(d => Part(d.Key)));
        return string.Join('.', parts);
    }

    private static string Part(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    private static IReadOnlyList<Requirement> Requirements(ValueSyntax value, string path, string key)
    {
        if (value is not ArraySyntax array) throw Error(path, value.Span, $"{key} is not an array");
        return array.Items
            .Select(i => i.Value is StringValueSyntax s
                ? RequirementParser.Parse(s.Value ?? "", new RequirementSource(path, Line(s)))
                : throw Error(path, i.Span, $"{key} must hold only strings"))
            .ToArray();
    }

    private static string StringOf(ValueSyntax value, string path, string key) =>
        value is StringValueSyntax s ? s.Value ?? "" : throw Error(path, value.Span, $"{key} is not a string");

    // Tomlyn counts lines from 0.
    private static int Line(SyntaxNode node) => node.Span.Start.Line + 1;

    private static NotebookSdkException Error(string path, SourceSpan span, string what) =>
        Messages.NB3003_PyprojectSyntax.ExceptionAt(path, span.Start.Line + 1, span.Start.Column + 1, what);
}
