namespace Notebook.Diagnostics;

/// <summary>
/// Every NBnnnn code, grouped by area, one file per area (Messages.*.cs):
/// NB1xxx notebooks, NB2xxx parameters, NB3xxx dependencies and lock, NB4xxx images and registries,
/// NB5xxx runner and kernels, NB6xxx project configuration. Texts say what to change.
/// A test checks that codes are unique and in their area's range.
/// </summary>
public static partial class Messages
{
    /// <summary>All descriptors declared on this class, by reflection (for the uniqueness test and docs).</summary>
    // Lazy: static initialisers of partial classes run in an unspecified file order.
    public static IReadOnlyList<MessageDescriptor> All => s_all ??=
        typeof(Messages).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(MessageDescriptor))
            .Select(f => (MessageDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();

    private static MessageDescriptor[]? s_all;
}
