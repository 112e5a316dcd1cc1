using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// Reads the first cell tagged <c>parameters</c> (papermill's convention) of a Python notebook into a typed
/// <see cref="ParameterSchema"/>. The cell may hold <c>name = literal</c>, <c>name: annotation = literal</c>,
/// trailing comments (<c># type: List[str] description</c> as papermill reads them, or a plain description),
/// comment lines (a comment line right above an assignment describes it when it has no trailing comment),
/// blank lines and imports. Non-literal values give NB2002 warnings and an untyped parameter; duplicates NB2003;
/// anything else NB2004 with its line. Diagnostics carry the file line when the notebook was read from text.
/// </summary>
public static class ParameterSchemaParser
{
    /// <summary>The tag that marks the parameters cell.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>
    /// Parses the notebook's parameters cell; a notebook without one gives an empty schema and no messages. Python is
    /// read here; other languages by the first of <paramref name="parsers"/> that reads them (C# needs Roslyn, which
    /// the runner does not carry), else NB2001.
    /// </summary>
    public static (ParameterSchema Schema, IReadOnlyList<Diagnostic> Diagnostics) Parse(NotebookDocument document, string? path = null,
        IReadOnlyList<IParametersCellParser>? parsers = null)
    {
        path ??= document.Path;
        var diagnostics = new List<Diagnostic>();
        var tagged = document.Cells.Where(c => c.HasTag(ParametersTag)).ToList();
        var language = document.Language;
        if (tagged.Count == 0) return (new ParameterSchema([], language, document.KernelName, null), diagnostics);

        var cell = tagged[0];
        foreach (var other in tagged.Skip(1))
            diagnostics.Add(Messages.NB2007_MultipleParameterCells.Create(path, document.LineOf($"cells[{other.Index}]"), 0, other.Index + 1, cell.Index + 1));
        var reader = PythonLiteralRenderer.IsPython(language) ? null : parsers?.FirstOrDefault(p => p.Reads(language));
        // A polyglot notebook's parameters cell may be written in another subkernel's language than the notebook's.
        var cellLanguage = CellLanguage(cell);
        if (!PythonLiteralRenderer.IsPython(language) && reader is null
            || cellLanguage is not null && !(PythonLiteralRenderer.IsPython(cellLanguage) || reader is not null && reader.Reads(cellLanguage)))
        {
            diagnostics.Add(Messages.NB2001_UnsupportedLanguage.Create(path, document.LineOf($"cells[{cell.Index}]"), 0, cellLanguage ?? language));
            return (new ParameterSchema([], language, document.KernelName, cell.Index), diagnostics);
        }

        void Report(MessageDescriptor descriptor, int cellLine, object?[] args) =>
            diagnostics.Add(descriptor.Create(path, document.LineOfSource(cell.Index, cellLine - 1), 0, args));

        var parameters = reader is null ? ParseSource(cell.Source, Report) : reader.ParseSource(cell.Source, Report);
        return (new ParameterSchema(parameters, language, document.KernelName, cell.Index), diagnostics);
    }

    /// <summary>
    /// The language a .NET Interactive notebook gives one cell (<c>polyglot_notebook.kernelName</c>, or the older
    /// <c>dotnet_interactive.language</c>), or null when the cell has none and runs in the notebook's language.
    /// </summary>
    public static string? CellLanguage(NotebookCell cell) =>
        JsonHelpers.AsString(JsonHelpers.Get(cell.Json, "metadata", "polyglot_notebook", "kernelName"))
        ?? JsonHelpers.AsString(JsonHelpers.Get(cell.Json, "metadata", "dotnet_interactive", "language"));

    /// <summary>Parses parameters-cell source; <paramref name="report"/> gets each message with its 1-based line in the source.</summary>
    public static IReadOnlyList<ParameterDefinition> ParseSource(string source, Action<MessageDescriptor, int, object?[]> report)
    {
        var result = new List<ParameterDefinition>();
        List<Token> tokens;
        try
        {
            tokens = PythonTokenizer.Tokenize(source);
        }
        catch (PythonSyntaxException e)
        {
            report(Messages.NB2004_SyntaxError, e.Line, [$"line {e.Line}: {e.Message}"]);
            return result;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var pos = 0;
        Token? previousComment = null;
        var commentBlock = new List<string>();
        while (tokens[pos].Kind != TokenKind.End)
        {
            var t = tokens[pos];
            if (t.Kind == TokenKind.Newline)
            {
                pos++;
                continue;
            }
            if (t.Kind == TokenKind.Comment)
            {
                if (previousComment is null || previousComment.Line != t.Line - 1) commentBlock.Clear();
                commentBlock.Add(t.Value.Trim());
                previousComment = t;
                pos++;
                continue;
            }

            // One logical line: tokens up to the Newline; a trailing comment is the last token before it.
            var end = pos;
            while (tokens[end].Kind is not (TokenKind.Newline or TokenKind.End)) end++;
            var stmtEnd = end;
            string? trailing = null;
            if (tokens[stmtEnd - 1].Kind == TokenKind.Comment)
            {
                stmtEnd--;
                trailing = tokens[stmtEnd].Value;
            }
            var above = previousComment is not null && previousComment.Line == t.Line - 1 && commentBlock.Count > 0
                ? string.Join(" ", commentBlock)
                : null;
            commentBlock.Clear();
            previousComment = null;

            var definition = ParseStatement(source, tokens, pos, stmtEnd, trailing, above, report);
            pos = end;
            if (definition is null) continue;
            if (seen.TryGetValue(definition.Name, out var firstLine))
            {
                report(Messages.NB2003_DuplicateParameter, definition.Line, [definition.Name, firstLine]);
                continue;
            }
            seen[definition.Name] = definition.Line;
            result.Add(definition);
        }
        return result;
    }

    private static ParameterDefinition? ParseStatement(string source, List<Token> tokens, int start, int end, string? trailing, string? above,
        Action<MessageDescriptor, int, object?[]> report)
    {
        var first = tokens[start];
        var text = source[first.Start..tokens[end - 1].End];
        if (first.Kind == TokenKind.Name && first.Value is "import" or "from") return null; // imports declare no parameters

        if (first.Kind != TokenKind.Name || IsKeyword(first.Value) || start + 1 >= end
            || !(tokens[start + 1].Is(TokenKind.Op, "=") || tokens[start + 1].Is(TokenKind.Op, ":")))
        {
            report(Messages.NB2004_SyntaxError, first.Line, [$"line {first.Line}: '{Trim(text)}' is not an assignment to a name"]);
            return null;
        }

        var name = first.Value;
        ParameterType? declared = null;
        string? annotationText = null;
        var pos = start + 1;
        if (tokens[pos].Is(TokenKind.Op, ":"))
        {
            var annStart = pos + 1;
            var eq = annStart;
            var depth = 0;
            while (eq < end && !(depth == 0 && tokens[eq].Is(TokenKind.Op, "=")))
            {
                if (tokens[eq].Kind == TokenKind.Op && tokens[eq].Value is "[" or "(" or "{") depth++;
                if (tokens[eq].Kind == TokenKind.Op && tokens[eq].Value is "]" or ")" or "}") depth--;
                eq++;
            }
            if (eq == annStart)
            {
                report(Messages.NB2004_SyntaxError, first.Line, [$"line {first.Line}: '{Trim(text)}' has no annotation after ':'"]);
                return null;
            }
            annotationText = source[tokens[annStart].Start..tokens[eq - 1].End];
            var (type, understood) = AnnotationParser.Parse(tokens, annStart, eq);
            if (!understood) report(Messages.NB2005_UnknownAnnotation, first.Line, [name, annotationText]);
            declared = type;
            pos = eq;
            if (pos >= end)
            {
                // "x: int" alone declares a name without a value: a required parameter with no default.
                var required = Describe(trailing, above, out _, out var requiredSecret);
                return new ParameterDefinition(name, declared, null, false, required, first.Line) { Secret = requiredSecret };
            }
        }
        pos++; // '='
        if (pos >= end)
        {
            report(Messages.NB2004_SyntaxError, first.Line, [$"line {first.Line}: '{Trim(text)}' has no value after '='"]);
            return null;
        }
        if (Enumerable.Range(pos, end - pos).Any(i => tokens[i].Is(TokenKind.Op, "=")))
        {
            report(Messages.NB2004_SyntaxError, first.Line, [$"line {first.Line}: '{Trim(text)}' assigns more than once; write one assignment per line"]);
            return null;
        }

        var description = Describe(trailing, above, out var typeComment, out var secret);
        if (declared is null && typeComment is not null)
        {
            var (type, understood) = AnnotationParser.ParseText(typeComment);
            if (!understood) report(Messages.NB2005_UnknownAnnotation, first.Line, [name, typeComment]);
            declared = type;
            annotationText = typeComment;
        }

        var valueText = source[tokens[pos].Start..tokens[end - 1].End];
        if (!PythonLiteralParser.TryParse(tokens, pos, end, out var value))
        {
            report(Messages.NB2002_NotALiteral, first.Line, [name, Trim(valueText)]);
            return new ParameterDefinition(name, declared ?? ParameterType.Any, null, false, description, first.Line) { Secret = secret };
        }

        var finalType = declared ?? ParameterTypes.Infer(value);
        if (declared is not null)
        {
            if (value is null && !declared.AcceptsNull)
            {
                // x: int = None is the old implicit Optional (PEP 484 before 2018): accept None as well.
                finalType = declared.AsNullable();
            }
            else
            {
                var coerced = ParameterTypes.Coerce(value, declared, name, out var error);
                if (error is null) value = coerced;
                else report(Messages.NB2006_DefaultMismatch, first.Line, [name, annotationText ?? declared.ToString(), ParameterTypes.Show(value)]);
            }
        }
        return new ParameterDefinition(name, finalType, value, true, description, first.Line) { Secret = secret };
    }

    /// <summary>The trailing comment that marks a parameter secret.</summary>
    public const string SecretMarker = "secret";

    /// <summary>papermill's reading of a trailing comment: "# type: T rest" gives T and the description "rest"; then the
    /// secret marker: a comment that is "secret" or starts with "secret:" (after any "type: T").</summary>
    private static string? Describe(string? trailing, string? above, out string? typeComment, out bool secret)
    {
        typeComment = null;
        secret = false;
        if (trailing is null) return string.IsNullOrWhiteSpace(above) ? null : above;
        var text = trailing.Trim();
        if (text.StartsWith("type:", StringComparison.Ordinal))
        {
            var rest = text[5..].TrimStart();
            var cut = 0;
            var depth = 0;
            while (cut < rest.Length && (depth > 0 || !char.IsWhiteSpace(rest[cut])))
            {
                if (rest[cut] is '[' or '(') depth++;
                if (rest[cut] is ']' or ')') depth--;
                cut++;
            }
            typeComment = rest[..cut];
            text = rest[cut..].Trim();
        }
        if (text == SecretMarker || text.StartsWith(SecretMarker + ":", StringComparison.Ordinal))
        {
            secret = true;
            text = text[SecretMarker.Length..].TrimStart(':').Trim();
        }
        return text.Length == 0 ? null : text;
    }

    private static string Trim(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length > 60 ? oneLine[..60] + "..." : oneLine;
    }

    internal static bool IsKeyword(string word) => word is "False" or "None" or "True" or "and" or "as" or "assert" or "async" or "await"
        or "break" or "class" or "continue" or "def" or "del" or "elif" or "else" or "except" or "finally" or "for" or "from"
        or "global" or "if" or "import" or "in" or "is" or "lambda" or "nonlocal" or "not" or "or" or "pass" or "raise"
        or "return" or "try" or "while" or "with" or "yield";
}
