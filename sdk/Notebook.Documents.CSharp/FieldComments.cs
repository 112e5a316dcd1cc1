using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Notebook.Documents.CSharp;

/// <summary>
/// A field's description, as the Python parser reads one: the trailing <c>//</c> comment on its line, else the
/// <c>//</c> lines right above it. A comment that is <c>secret</c> or starts with <c>secret:</c> marks it secret.
/// </summary>
internal static class FieldComments
{
    public const string SecretMarker = "secret";

    public static (string? Description, bool Secret) Describe(FieldDeclarationSyntax field)
    {
        var trailing = field.GetLastToken().TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia));
        if (trailing != default) return Split(Text(trailing));

        var above = new List<string>();
        var endsOfLine = 0;
        foreach (var trivia in field.GetLeadingTrivia().Reverse())
        {
            if (trivia.IsKind(SyntaxKind.WhitespaceTrivia)) continue;
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                // Two line ends in a row: a blank line, which ends the comment block.
                if (++endsOfLine > 1) break;
                continue;
            }
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || endsOfLine != 1) break;
            above.Insert(0, Text(trivia));
            endsOfLine = 0;
        }
        if (above.Count == 0) return (null, false);
        // Only the trailing comment marks a secret (as in Python); a block above only describes.
        var text = string.Join(" ", above);
        return (text.Length == 0 ? null : text, false);
    }

    private static string Text(SyntaxTrivia comment) => comment.ToString().TrimStart('/').Trim();

    private static (string? Description, bool Secret) Split(string text)
    {
        var secret = text == SecretMarker || text.StartsWith(SecretMarker + ":", StringComparison.Ordinal);
        if (secret) text = text[SecretMarker.Length..].TrimStart(':').Trim();
        return (text.Length == 0 ? null : text, secret);
    }
}
