using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Documents;

namespace Notebook.Runner;

/// <summary>
/// The secret parameters of a run (marked <c># secret</c> in the parameters cell). Their values reach the kernel
/// through its environment (<c>NBRUN_SECRET_NAME</c>, the value's JSON), never as a literal; everything nbrun writes
/// shows them as <c>***</c>, and any output that repeats a secret value has it replaced by <c>***</c>.
/// </summary>
public sealed class SecretParameters
{
    public const string Mask = "***";
    public const string EnvironmentPrefix = "NBRUN_SECRET_";

    // Shorter values would mask ordinary text everywhere (a secret "1" would star out every digit).
    private const int MinimumMaskedLength = 3;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    private SecretParameters()
    {
    }

    /// <summary>For the kernel: one variable per given secret.</summary>
    public IReadOnlyDictionary<string, string?> KernelEnvironment { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The values to inject: secrets read from the environment, the rest as literals.</summary>
    public IReadOnlyList<BoundParameter> Injected { get; private set; } = [];

    /// <summary>The values as outputs show them: secrets as <c>***</c>.</summary>
    public IReadOnlyList<BoundParameter> Shown { get; private set; } = [];

    public bool Any => _names.Count > 0;

    public static SecretParameters For(ParameterSchema schema, IReadOnlyList<BoundParameter> bound, IReadOnlyList<ParameterArgument> arguments, Action<Diagnostic> warn)
    {
        var secrets = new SecretParameters();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        var injected = new List<BoundParameter>();
        var shown = new List<BoundParameter>();
        foreach (var value in bound)
        {
            if (schema.Find(value.Name) is not { Secret: true })
            {
                injected.Add(value);
                shown.Add(value);
                continue;
            }

            secrets._names.Add(value.Name);
            var variable = EnvironmentPrefix + value.Name;
            environment[variable] = value.Value?.ToJsonString() ?? "null";
            injected.Add(value with { EnvironmentVariable = variable });
            shown.Add(new BoundParameter(value.Name, JsonValue.Create(Mask)));
            secrets.AddValue(value.Value);
            if (arguments.LastOrDefault(a => a.Name == value.Name) is { Source: ParameterSource.Text or ParameterSource.Raw })
            {
                warn(Messages.NB5224_SecretOnCommandLine.Create(value.Name));
            }
        }

        secrets.KernelEnvironment = environment;
        secrets.Injected = injected;
        secrets.Shown = shown;
        return secrets;
    }

    private void AddValue(JsonNode? value)
    {
        switch (value)
        {
            case JsonArray list:
                foreach (var item in list) AddValue(item);
                break;
            case JsonObject map:
                foreach (var (_, item) in map) AddValue(item);
                break;
            case JsonValue v:
                var text = v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
                if (text.Length >= MinimumMaskedLength && !_values.Contains(text, StringComparer.Ordinal)) _values.Add(text);
                break;
        }

        // Longest first, so that a secret containing another is masked whole.
        _values.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    /// <summary>The text with every secret value replaced by <c>***</c>.</summary>
    public string Scrub(string text)
    {
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Replaces secret values in every string of the node (outputs, tracebacks, metadata), in place.</summary>
    public void ScrubTree(JsonNode? node)
    {
        if (_values.Count == 0) return;
        switch (node)
        {
            case JsonObject map:
                foreach (var key in map.Select(p => p.Key).ToList())
                {
                    if (map[key] is JsonValue v && v.TryGetValue<string>(out var s)) map[key] = Scrub(s);
                    else ScrubTree(map[key]);
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonValue v && v.TryGetValue<string>(out var s)) list[i] = Scrub(s);
                    else ScrubTree(list[i]);
                }

                break;
        }
    }
}
