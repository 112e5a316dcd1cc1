using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Notebook.Diagnostics;

namespace Notebook.Documents.CSharp;

/// <summary>
/// Reads a C# parameters cell with Roslyn as the .NET Interactive kernel compiles it: a script
/// (<see cref="SourceCodeKind.Script"/>), where top-level declarations such as <c>int topN = 5;</c> are fields. Each
/// field of type string, bool, int, long, double or decimal, a nullable form or an array of them, initialised with a
/// literal (or not initialised), is a parameter; <c>var</c> takes the literal's type as the compiler would. Other
/// fields get a warning with their line and are not parameters: const (NB2101), other types (NB2102), non-literal
/// initialisers (NB2100), literals of another type (NB2104). Methods, statements and <c>using</c>s are left alone.
/// A trailing or preceding <c>//</c> comment describes a field; <c>// secret</c> marks it secret, as in Python.
/// </summary>
public sealed class CSharpParametersCellParser : IParametersCellParser
{
    public static readonly CSharpParametersCellParser Instance = new();

    private static readonly CSharpParseOptions Options = CSharpParseOptions.Default
        .WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    public bool Reads(string language) => CSharpLanguage.Is(language);

    public IReadOnlyList<ParameterDefinition> ParseSource(string source, Action<MessageDescriptor, int, object?[]> report)
    {
        var tree = CSharpSyntaxTree.ParseText(KernelDirectives.Blank(source), Options);
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
            report(Messages.NB2103_CSharpSyntaxError, line, [$"line {line}: {first.Id} {first.GetMessage(CultureInfo.InvariantCulture)}"]);
            return [];
        }

        var result = new List<ParameterDefinition>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in tree.GetCompilationUnitRoot().Members.OfType<FieldDeclarationSyntax>())
        {
            var (description, secret) = FieldComments.Describe(field);
            foreach (var declarator in field.Declaration.Variables)
            {
                var name = declarator.Identifier.ValueText;
                var line = declarator.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var definition = Read(field, declarator, name, line, report);
                if (definition is null) continue;
                if (seen.TryGetValue(name, out var firstLine))
                {
                    report(Messages.NB2003_DuplicateParameter, line, [name, firstLine]);
                    continue;
                }
                seen[name] = line;
                result.Add(definition with { Description = description, Secret = secret });
            }
        }
        return result;
    }

    private static ParameterDefinition? Read(FieldDeclarationSyntax field, VariableDeclaratorSyntax declarator, string name, int line,
        Action<MessageDescriptor, int, object?[]> report)
    {
        if (field.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            report(Messages.NB2101_CSharpConstField, line, [name]);
            return null;
        }
        var typeSyntax = field.Declaration.Type;
        var initializer = declarator.Initializer?.Value;
        CSharpLiteral? literal = null;
        if (initializer is not null)
        {
            literal = CSharpLiteral.TryRead(initializer, typeSyntax.IsVar ? null : CSharpTypeNames.Name(typeSyntax));
            if (literal is null)
            {
                report(Messages.NB2100_CSharpNotALiteral, line, [name, Trim(initializer.ToString())]);
                return null;
            }
        }

        string? native;
        if (typeSyntax.IsVar)
        {
            // var needs an initialiser (the compiler says so too); its type is the literal's own.
            native = literal?.Type;
            if (native is null || CSharpLanguage.TypeOf(native) is null)
            {
                report(Messages.NB2102_CSharpUnsupportedType, line, [name, native ?? "var"]);
                return null;
            }
        }
        else
        {
            native = CSharpTypeNames.Name(typeSyntax);
            if (native is null || CSharpLanguage.TypeOf(native) is null)
            {
                report(Messages.NB2102_CSharpUnsupportedType, line, [name, typeSyntax.ToString()]);
                return null;
            }
        }

        var type = CSharpLanguage.TypeOf(native)!;
        if (literal is not null && (literal.Mismatch || !CSharpTypeNames.Converts(literal.Type, native)))
        {
            report(Messages.NB2104_CSharpDefaultMismatch, line, [name, native, Trim(initializer!.ToString())]);
            return null;
        }
        if (literal is not null && CSharpLanguage.CheckRange(native, literal.Value, name) is not null)
        {
            report(Messages.NB2104_CSharpDefaultMismatch, line, [name, native, Trim(initializer!.ToString())]);
            return null;
        }
        // A reference type (string, arrays) also takes null, as a script's fields do with nullable checks off.
        if (literal is { Value: null }) type = type.AsNullable();
        var value = literal?.Value;
        if (value is not null && (type.Kind == ParameterKind.Float || type.ItemType?.Kind == ParameterKind.Float)) value = ToFloat(value);
        return new ParameterDefinition(name, type, value, literal is not null, null, line) { NativeType = native };
    }

    // The schema's number keeps a fraction (1.0, not 1) so it reads back as a float, as Python's schema does.
    private static JsonNode? ToFloat(JsonNode value) => value switch
    {
        JsonArray array => new JsonArray([.. array.Select(v => v is null ? null : ToFloat(v))]),
        JsonValue when value.Parent is not null => ToFloat(value.DeepClone()),
        _ when JsonNumbers.IsInteger(value) => JsonNode.Parse(JsonNumbers.GetInteger(value).ToString(CultureInfo.InvariantCulture) + ".0"),
        _ => value,
    };

    private static string Trim(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length > 60 ? oneLine[..60] + "..." : oneLine;
    }
}
