using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Notebook.Documents.CSharp;

/// <summary>
/// A literal initialiser: its C# type (as the compiler types it without a target; "null" for null) and its value as
/// JSON. Literals are string (regular, verbatim or raw), numeric (with a sign), true/false, null, and arrays of those
/// (<c>new T[] { ... }</c>, <c>new[] { ... }</c>, <c>new T[0]</c>, and <c>[ ... ]</c> where a declared type gives the target).
/// </summary>
internal sealed record CSharpLiteral(string Type, JsonNode? Value)
{
    /// <summary>The literal <paramref name="expression"/> is, or null when it is not one; <paramref name="target"/> is the declared type, if any.</summary>
    public static CSharpLiteral? TryRead(ExpressionSyntax expression, string? target)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return TryRead(parenthesized.Expression, target);
            case LiteralExpressionSyntax literal:
                return Scalar(literal);
            case PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax operand } unary
                when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression):
                return Signed(operand, unary.IsKind(SyntaxKind.UnaryMinusExpression));
            case ArrayCreationExpressionSyntax { Type.RankSpecifiers: [var rank] } creation when rank.Rank == 1:
                var item = CSharpTypeNames.Name(creation.Type.ElementType);
                if (item is null) return null;
                if (creation.Initializer is null)
                {
                    // new string[0]: an empty array; any other size holds defaults, not literals.
                    return rank.Sizes is [LiteralExpressionSyntax { Token.Value: 0 }] ? new(item + "[]", new JsonArray()) : null;
                }
                return Items(creation.Initializer.Expressions, item);
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                var items = implicitArray.Initializer.Expressions.Select(e => TryRead(e, null)).ToList();
                if (items.Any(i => i is null)) return null;
                var common = CSharpTypeNames.BestCommonType([.. items.Select(i => i!.Type)]);
                return common is null ? new("?[]", null) : Items(implicitArray.Initializer.Expressions, common);
            case CollectionExpressionSyntax collection when target is not null && target.EndsWith("[]", StringComparison.Ordinal):
                var elements = collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList();
                return elements.Count == collection.Elements.Count ? Items(elements, target[..^2]) : null;
            default:
                return null;
        }
    }

    private static CSharpLiteral? Items(IReadOnlyList<ExpressionSyntax> expressions, string itemType)
    {
        var values = new JsonArray();
        foreach (var expression in expressions)
        {
            var item = TryRead(expression, itemType);
            if (item is null) return null;
            if (!CSharpTypeNames.Converts(item.Type, itemType)) return new(item.Type + "[]", null) { Mismatch = true };
            values.Add(item.Value);
        }
        return new(itemType + "[]", values);
    }

    /// <summary>True when an array's items do not convert to its item type (the compiler would refuse it).</summary>
    public bool Mismatch { get; init; }

    private static CSharpLiteral? Scalar(LiteralExpressionSyntax literal)
    {
        var token = literal.Token;
        switch (literal.Kind())
        {
            case SyntaxKind.StringLiteralExpression when token.Value is string s:
                return new("string", JsonValue.Create(s));
            case SyntaxKind.TrueLiteralExpression:
                return new("bool", JsonValue.Create(true));
            case SyntaxKind.FalseLiteralExpression:
                return new("bool", JsonValue.Create(false));
            case SyntaxKind.NullLiteralExpression:
                return new("null", null);
            case SyntaxKind.NumericLiteralExpression:
                return token.Value switch
                {
                    int i => new("int", JsonNumbers.Integer(i)),
                    long l => new("long", JsonNumbers.Integer(l)),
                    uint u => new("uint", JsonNumbers.Integer(u)),
                    ulong ul => new("ulong", JsonNumbers.Integer(ul)),
                    double d when double.IsFinite(d) => new("double", JsonNumbers.Float(d)),
                    decimal m => new("decimal", JsonNode.Parse(m.ToString(CultureInfo.InvariantCulture))),
                    float => new("float", null),
                    _ => null,
                };
            default:
                // char, default, UTF-8 strings: not a type a parameter can have.
                return token.Value is char ? new("char", null) : null;
        }
    }

    private static CSharpLiteral? Signed(LiteralExpressionSyntax operand, bool negate)
    {
        var scalar = Scalar(operand);
        if (scalar?.Value is null || !operand.IsKind(SyntaxKind.NumericLiteralExpression)) return null;
        if (!negate) return scalar;
        if (scalar.Type is "double" or "decimal")
        {
            var text = JsonNumbers.ToJsonText((JsonValue)scalar.Value);
            return scalar with { Value = JsonNode.Parse(text.StartsWith('-') ? text[1..] : "-" + text) };
        }
        var n = -JsonNumbers.GetInteger(scalar.Value);
        // -2147483648 is an int and -9223372036854775808 a long, although their digits alone are uint and ulong.
        var type = n >= int.MinValue && n <= int.MaxValue && scalar.Type is "int" or "uint" ? "int"
            : n >= long.MinValue && n <= long.MaxValue && scalar.Type is not "float" ? "long"
            : null;
        return type is null ? null : new(type, JsonNumbers.Integer(n));
    }
}
