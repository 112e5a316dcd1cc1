using System.Text;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;
using Notebook.Deployment.Sweeps;
using Notebook.Documents;

namespace Notebook.Runner;

/// <summary>
/// Gathers the values the command line gives: whole mappings (papermill's <c>-b</c>, <c>-f</c>, <c>-y</c> and
/// <c>--parameters-file</c>, merged in that order) and single values, reading the ones that come from an
/// environment variable or a file (how Kubernetes Secrets arrive).
/// </summary>
public sealed class ParameterSources(string workingDirectory, Func<string, string?> getEnvironmentVariable)
{
    public async Task<JsonObject?> ReadDocumentsAsync(IReadOnlyList<ParameterDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0) return null;
        var merged = new JsonObject();
        foreach (var document in documents)
        {
            var values = document.Kind switch
            {
                ParameterDocumentKind.File => await ParameterFileReader.ReadAsync(Path.GetFullPath(document.Text, workingDirectory), cancellationToken),
                ParameterDocumentKind.YamlFile => await ParameterFileReader.ReadAsync(Path.GetFullPath(document.Text, workingDirectory), cancellationToken, yaml: true),
                ParameterDocumentKind.Yaml => ParameterFileReader.ParseYamlMapping(document.Text, "-y/--parameters_yaml"),
                _ => ParameterFileReader.ParseYamlMapping(DecodeBase64(document.Text), "-b/--parameters_base64"),
            };
            foreach (var (name, value) in values.ToList())
            {
                values.Remove(name);
                merged[name] = value;
            }
        }

        return merged;
    }

    /// <summary>The variable a Kubernetes Indexed Job sets in each pod: the index of its completion, from 0.</summary>
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// The parameter set of a sweep the run takes (<c>--sweep FILE</c>, index from <c>--sweep-index</c> or
    /// <c>JOB_COMPLETION_INDEX</c>), under the values of <paramref name="documents"/>: every other source overrides it.
    /// </summary>
    public JsonObject? MergeSweepSet(string? sweep, int? index, JsonObject? documents)
    {
        if (sweep is null) return documents;
        var file = SweepFile.Read(Path.GetFullPath(sweep, workingDirectory));
        var chosen = index
            ?? (getEnvironmentVariable(CompletionIndexVariable) is { Length: > 0 } text ? ParseSweepIndex(text, CompletionIndexVariable) : (int?)null)
            ?? throw Messages.NB5290_SweepIndexMissing.Exception(sweep, file.Sets.Count - 1);
        var merged = (JsonObject)file[chosen].DeepClone();
        if (documents is not null)
            foreach (var (name, value) in documents) merged[name] = value?.DeepClone();
        return merged;
    }

    /// <summary>A 0-based index; NB5294 naming where it came from otherwise.</summary>
    public static int ParseSweepIndex(string text, string source) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : throw Messages.NB5294_InvalidSweepIndex.Exception(text, source);

    /// <summary>The texts to bind, with values from variables and files read (NB5218 when one is missing).</summary>
    public IReadOnlyList<ParameterText> Resolve(IReadOnlyList<ParameterArgument> arguments)
    {
        var result = new List<ParameterText>(arguments.Count);
        foreach (var argument in arguments)
        {
            result.Add(argument.Source switch
            {
                ParameterSource.Raw => new ParameterText(argument.Name, argument.Text, Raw: true),
                ParameterSource.Environment => new ParameterText(argument.Name, getEnvironmentVariable(argument.Text)
                    ?? throw Messages.NB5218_ParameterSourceMissing.Exception(argument.Name, $"the environment variable {argument.Text}", "is not set")),
                ParameterSource.File => new ParameterText(argument.Name, ReadValueFile(argument)),
                _ => new ParameterText(argument.Name, argument.Text),
            });
        }

        return result;
    }

    private string ReadValueFile(ParameterArgument argument)
    {
        var path = Path.GetFullPath(argument.Text, workingDirectory);
        try
        {
            var text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            // A Secret mounted from a file written by an editor ends in one newline that is not part of the value.
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw Messages.NB5218_ParameterSourceMissing.Exception(argument.Name, $"the file {path}", $"could not be read ({e.GetType().Name})");
        }
    }

    private static string DecodeBase64(string text)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(text.Trim()));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw Messages.NB5219_InvalidBase64Parameters.Exception(e is FormatException ? "it is not base64" : "it does not decode to UTF-8 text");
        }
    }
}
