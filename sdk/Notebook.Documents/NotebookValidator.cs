using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Documents;

/// <summary>
/// Checks a notebook against the nbformat 4.0-4.5 JSON schemas (nbformat/v4/nbformat.v4.*.schema.json), written by
/// hand so that each problem gets its own code, a JSON path and a file line. Notebooks older than nbformat 4 are
/// refused with the command that upgrades them (NB1010); a minor version above 5 is checked as 4.5 with a warning.
/// Beyond the schema it checks what nbformat checks in code: unique cell ids (NB1027).
/// </summary>
public static partial class NotebookValidator
{
    /// <summary>Highest nbformat 4 minor version whose schema this validator follows.</summary>
    public const int LatestMinor = 5;

    /// <summary>Every problem found (errors and warnings); empty when the notebook is valid.</summary>
    public static IReadOnlyList<Diagnostic> Validate(NotebookDocument document, string? path = null) =>
        new Run(document, path ?? document.Path).Execute();

    /// <summary>True when <paramref name="diagnostics"/> holds an error.</summary>
    public static bool HasErrors(IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(d => d.Severity == Severity.Error);

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex CellIdPattern();

    // The schema's mimebundle patternProperties: JSON mimetypes may hold any JSON value.
    [GeneratedRegex(@"^application/(.*\+)?json$")]
    private static partial Regex JsonMimePattern();

    private sealed class Run(NotebookDocument document, string? path)
    {
        private readonly List<Diagnostic> _found = [];
        private int _minor;

        // A notebook from a newer minor version: nbformat relaxes every additionalProperties: false and accepts
        // unrecognized cell and output types (nbformat/validator.py, get_validator).
        private bool _future;

        public IReadOnlyList<Diagnostic> Execute()
        {
            var root = document.Root;
            if (!CheckVersion(root)) return _found;

            var allowed = new[] { "metadata", "nbformat_minor", "nbformat", "cells" };
            foreach (var key in allowed.Where(k => !root.ContainsKey(k)))
                Report(Messages.NB1020_MissingKey, "", "The notebook", key, _minor, Example(key));
            UnexpectedKeys(root, "", "The notebook", allowed);

            if (root.ContainsKey("metadata")) CheckNotebookMetadata(root["metadata"]);
            if (root.ContainsKey("cells")) CheckCells(root["cells"]);
            return _found;
        }

        /// <summary>False when the notebook is not nbformat 4 and nothing else should be checked.</summary>
        private bool CheckVersion(JsonObject root)
        {
            var major = root["nbformat"];
            if (major is null && root.ContainsKey("worksheets"))
            {
                Report(Messages.NB1010_OldFormat, "nbformat", "3 or older", path ?? "FILE");
                return false;
            }
            if (root.ContainsKey("nbformat"))
            {
                if (!JsonNumbers.IsInteger(major))
                {
                    Report(Messages.NB1013_BadFormatNumber, "nbformat", "nbformat", JsonHelpers.Describe(major));
                    return false;
                }
                var version = JsonNumbers.GetInteger(major!);
                if (version < 4)
                {
                    Report(Messages.NB1010_OldFormat, "nbformat", version, path ?? "FILE");
                    return false;
                }
                if (version > 4)
                {
                    Report(Messages.NB1011_NewerMajorFormat, "nbformat", version);
                    return false;
                }
            }

            var minorNode = root["nbformat_minor"];
            if (!root.ContainsKey("nbformat_minor"))
            {
                // No version to pick a schema by: guess from the content so that one missing key gives one error.
                _minor = document.Cells.Any(c => c.Json.ContainsKey("id")) ? LatestMinor : 0;
                return true;
            }
            if (!JsonNumbers.IsInteger(minorNode))
            {
                Report(Messages.NB1013_BadFormatNumber, "nbformat_minor", "nbformat_minor", JsonHelpers.Describe(minorNode));
                _minor = LatestMinor;
                return true;
            }
            var minor = JsonNumbers.GetInteger(minorNode!);
            if (minor < 0)
            {
                Report(Messages.NB1025_InvalidValue, "nbformat_minor", "nbformat_minor", minor, 0, "a number from 0 to 5");
                _minor = 0;
            }
            else if (minor > LatestMinor)
            {
                Report(Messages.NB1012_NewerMinorFormat, "nbformat_minor", minor);
                _minor = LatestMinor;
                _future = true;
            }
            else
            {
                _minor = (int)minor;
            }
            return true;
        }

        private void CheckNotebookMetadata(JsonNode? node)
        {
            const string at = "metadata";
            if (!ExpectObject(node, at, out var metadata)) return;

            if (metadata.ContainsKey("kernelspec") && ExpectObject(metadata["kernelspec"], at + ".kernelspec", out var spec))
            {
                Required(spec, at + ".kernelspec", "name", "display_name");
                ExpectString(spec, at + ".kernelspec", "name");
                ExpectString(spec, at + ".kernelspec", "display_name");
            }
            if (metadata.ContainsKey("language_info") && ExpectObject(metadata["language_info"], at + ".language_info", out var info))
            {
                Required(info, at + ".language_info", "name");
                foreach (var key in new[] { "name", "file_extension", "mimetype", "pygments_lexer" })
                    ExpectString(info, at + ".language_info", key);
                if (info.TryGetPropertyValue("codemirror_mode", out var mode) && mode is not JsonObject && JsonHelpers.AsString(mode) is null)
                    Report(Messages.NB1021_WrongType, at + ".language_info.codemirror_mode", at + ".language_info.codemirror_mode", "a string or an object", _minor, JsonHelpers.Describe(mode));
            }
            if (metadata.TryGetPropertyValue("orig_nbformat", out var orig))
            {
                if (!JsonNumbers.IsInteger(orig))
                    Report(Messages.NB1021_WrongType, at + ".orig_nbformat", at + ".orig_nbformat", "an integer", _minor, JsonHelpers.Describe(orig));
                else if (JsonNumbers.GetInteger(orig!) < 1)
                    Report(Messages.NB1025_InvalidValue, at + ".orig_nbformat", at + ".orig_nbformat", JsonHelpers.Describe(orig), _minor, "a number of at least 1");
            }
            if (_minor >= 2)
            {
                ExpectString(metadata, at, "title");
                if (metadata.TryGetPropertyValue("authors", out var authors) && authors is not JsonArray)
                    Report(Messages.NB1021_WrongType, at + ".authors", at + ".authors", "an array", _minor, JsonHelpers.Describe(authors));
            }
        }

        private void CheckCells(JsonNode? node)
        {
            if (node is not JsonArray cells)
            {
                Report(Messages.NB1021_WrongType, "cells", "cells", "an array of cells", _minor, JsonHelpers.Describe(node));
                return;
            }
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < cells.Count; i++)
            {
                var at = $"cells[{i}]";
                if (!ExpectObject(cells[i], at, out var cell)) continue;
                var type = JsonHelpers.AsString(cell["cell_type"]);
                var where = $"{at} ({type ?? "unknown"} cell {i + 1})";
                if (!cell.ContainsKey("cell_type"))
                {
                    Report(Messages.NB1020_MissingKey, at, where, "cell_type", _minor, "\"code\"");
                    continue;
                }
                if (type is not ("code" or "markdown" or "raw") && _future)
                {
                    // unrecognized_cell: cell_type and metadata required, anything else allowed.
                    Required(cell, at, "metadata");
                    if (cell.ContainsKey("metadata")) CheckCellMetadata(cell["metadata"], at + ".metadata", type ?? "");
                    continue;
                }
                if (type is not ("code" or "markdown" or "raw"))
                {
                    Report(Messages.NB1023_UnknownCellType, at + ".cell_type", where, JsonHelpers.Describe(cell["cell_type"]));
                    continue;
                }

                string[] keys = type == "code"
                    ? ["cell_type", "metadata", "source", "outputs", "execution_count"]
                    : ["cell_type", "metadata", "source"];
                Required(cell, at, keys);
                var allowed = type == "code" ? keys : [.. keys, "attachments"];
                if (_minor >= 5) allowed = [.. allowed, "id"];
                UnexpectedKeys(cell, at, where, allowed, _minor < 5 && cell.ContainsKey("id") ? " (cell ids need nbformat_minor 5)" : "");
                if (_minor >= 5) CheckId(cell, at, where, i, ids);

                if (cell.ContainsKey("metadata")) CheckCellMetadata(cell["metadata"], at + ".metadata", type);
                if (cell.ContainsKey("source")) ExpectMultiline(cell["source"], at + ".source");
                if (cell.ContainsKey("attachments") && ExpectObject(cell["attachments"], at + ".attachments", out var attachments))
                {
                    foreach (var (name, bundle) in attachments) CheckMimeBundle(bundle, $"{at}.attachments.{name}");
                }
                if (type == "code")
                {
                    if (cell.ContainsKey("execution_count")) CheckExecutionCount(cell["execution_count"], at + ".execution_count");
                    if (cell.ContainsKey("outputs")) CheckOutputs(cell["outputs"], at + ".outputs");
                }
            }
        }

        private void CheckId(JsonObject cell, string at, string where, int index, Dictionary<string, int> ids)
        {
            if (!cell.TryGetPropertyValue("id", out var idNode))
            {
                Report(Messages.NB1028_MissingCellId, at, where);
                return;
            }
            var id = JsonHelpers.AsString(idNode);
            if (id is null || id.Length is < 1 or > 64 || !CellIdPattern().IsMatch(id))
            {
                Report(Messages.NB1026_InvalidCellId, at + ".id", where, JsonHelpers.Describe(idNode));
                return;
            }
            if (ids.TryGetValue(id, out var first)) Report(Messages.NB1027_DuplicateCellId, at + ".id", where, id, first + 1);
            else ids[id] = index;
        }

        private void CheckCellMetadata(JsonNode? node, string at, string type)
        {
            if (!ExpectObject(node, at, out var metadata)) return;
            if (metadata.TryGetPropertyValue("name", out var name))
            {
                var text = JsonHelpers.AsString(name);
                if (text is null) Report(Messages.NB1021_WrongType, at + ".name", at + ".name", "a string", _minor, JsonHelpers.Describe(name));
                else if (text.Length == 0 || text.TrimEnd('\n').Contains('\n'))
                    Report(Messages.NB1025_InvalidValue, at + ".name", at + ".name", JsonHelpers.Describe(name), _minor, "a non-empty, single-line string");
            }
            if (metadata.TryGetPropertyValue("tags", out var tags)) CheckTags(tags, at + ".tags");
            if (_minor >= 3 && metadata.TryGetPropertyValue("jupyter", out var jupyter) && jupyter is not JsonObject)
                Report(Messages.NB1021_WrongType, at + ".jupyter", at + ".jupyter", "an object", _minor, JsonHelpers.Describe(jupyter));
            if (type == "raw") ExpectString(metadata, at, "format");
            if (type != "code") return;

            if (metadata.TryGetPropertyValue("collapsed", out var collapsed) && collapsed?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                Report(Messages.NB1021_WrongType, at + ".collapsed", at + ".collapsed", "true or false", _minor, JsonHelpers.Describe(collapsed));
            if (metadata.TryGetPropertyValue("scrolled", out var scrolled)
                && scrolled?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)
                && JsonHelpers.AsString(scrolled) != "auto")
                Report(Messages.NB1025_InvalidValue, at + ".scrolled", at + ".scrolled", JsonHelpers.Describe(scrolled), _minor, "true, false or \"auto\"");
            if (_minor >= 4 && metadata.TryGetPropertyValue("execution", out var execution))
            {
                if (execution is not JsonObject times)
                {
                    Report(Messages.NB1021_WrongType, at + ".execution", at + ".execution", "an object of ISO 8601 time strings", _minor, JsonHelpers.Describe(execution));
                }
                else
                {
                    // patternProperties "^.*$": every value is a string.
                    foreach (var (key, value) in times.Where(p => JsonHelpers.AsString(p.Value) is null))
                        Report(Messages.NB1021_WrongType, $"{at}.execution.{key}", $"{at}.execution.{key}", "a string (an ISO 8601 time)", _minor, JsonHelpers.Describe(value));
                }
            }
        }

        private void CheckTags(JsonNode? node, string at)
        {
            if (node is not JsonArray tags)
            {
                Report(Messages.NB1021_WrongType, at, at, "an array of strings", _minor, JsonHelpers.Describe(node));
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < tags.Count; i++)
            {
                var tag = JsonHelpers.AsString(tags[i]);
                if (tag is null || tag.Length == 0 || tag.Contains(',') || !seen.Add(tag))
                    Report(Messages.NB1029_InvalidTags, $"{at}[{i}]", at, JsonHelpers.Describe(tags[i]));
            }
        }

        private void CheckOutputs(JsonNode? node, string at)
        {
            if (node is not JsonArray outputs)
            {
                Report(Messages.NB1021_WrongType, at, at, "an array of outputs", _minor, JsonHelpers.Describe(node));
                return;
            }
            for (var i = 0; i < outputs.Count; i++)
            {
                var oat = $"{at}[{i}]";
                if (!ExpectObject(outputs[i], oat, out var output)) continue;
                if (!output.ContainsKey("output_type"))
                {
                    Report(Messages.NB1020_MissingKey, oat, oat, "output_type", _minor, "\"stream\"");
                    continue;
                }
                var type = JsonHelpers.AsString(output["output_type"]);
                string[] keys;
                switch (type)
                {
                    case "execute_result":
                        keys = ["output_type", "data", "metadata", "execution_count"];
                        break;
                    case "display_data":
                        keys = ["output_type", "data", "metadata"];
                        break;
                    case "stream":
                        keys = ["output_type", "name", "text"];
                        break;
                    case "error":
                        keys = ["output_type", "ename", "evalue", "traceback"];
                        break;
                    default:
                        if (_future) continue; // unrecognized_output
                        Report(Messages.NB1024_UnknownOutputType, oat + ".output_type", oat, JsonHelpers.Describe(output["output_type"]));
                        continue;
                }
                Required(output, oat, keys);
                UnexpectedKeys(output, oat, $"{oat} ({type} output)", keys);
                if (output.ContainsKey("data")) CheckMimeBundle(output["data"], oat + ".data");
                if (output.ContainsKey("metadata")) ExpectObject(output["metadata"], oat + ".metadata", out _);
                if (output.ContainsKey("execution_count")) CheckExecutionCount(output["execution_count"], oat + ".execution_count");
                if (type == "stream")
                {
                    ExpectString(output, oat, "name");
                    if (output.ContainsKey("text")) ExpectMultiline(output["text"], oat + ".text");
                }
                if (type == "error")
                {
                    ExpectString(output, oat, "ename");
                    ExpectString(output, oat, "evalue");
                    if (output.TryGetPropertyValue("traceback", out var tb)
                        && (tb is not JsonArray lines || lines.Any(l => JsonHelpers.AsString(l) is null)))
                        Report(Messages.NB1021_WrongType, oat + ".traceback", oat + ".traceback", "an array of strings", _minor, JsonHelpers.Describe(tb));
                }
            }
        }

        private void CheckMimeBundle(JsonNode? node, string at)
        {
            if (!ExpectObject(node, at, out var bundle)) return;
            foreach (var (mime, value) in bundle)
            {
                if (JsonMimePattern().IsMatch(mime)) continue;
                ExpectMultiline(value, $"{at}[\"{mime}\"]");
            }
        }

        private void CheckExecutionCount(JsonNode? node, string at)
        {
            if (node is null) return;
            if (!JsonNumbers.IsInteger(node))
                Report(Messages.NB1021_WrongType, at, at, "an integer or null", _minor, JsonHelpers.Describe(node));
            else if (JsonNumbers.GetInteger(node) < 0)
                Report(Messages.NB1025_InvalidValue, at, at, JsonHelpers.Describe(node), _minor, "a number of at least 0, or null");
        }

        private void ExpectMultiline(JsonNode? node, string at)
        {
            if (JsonHelpers.AsString(node) is not null) return;
            if (node is JsonArray parts && parts.All(p => JsonHelpers.AsString(p) is not null)) return;
            Report(Messages.NB1021_WrongType, at, at, "a string or an array of strings", _minor, JsonHelpers.Describe(node));
        }

        private bool ExpectObject(JsonNode? node, string at, out JsonObject obj)
        {
            if (node is JsonObject o)
            {
                obj = o;
                return true;
            }
            obj = null!;
            Report(Messages.NB1021_WrongType, at, at, "an object", _minor, JsonHelpers.Describe(node));
            return false;
        }

        private void ExpectString(JsonObject obj, string at, string key)
        {
            if (obj.TryGetPropertyValue(key, out var value) && JsonHelpers.AsString(value) is null)
                Report(Messages.NB1021_WrongType, $"{at}.{key}", $"{at}.{key}", "a string", _minor, JsonHelpers.Describe(value));
        }

        private void Required(JsonObject obj, string at, params string[] keys)
        {
            foreach (var key in keys.Where(k => !obj.ContainsKey(k)))
                Report(Messages.NB1020_MissingKey, at, at, key, _minor, at.EndsWith("kernelspec", StringComparison.Ordinal) ? "\"python3\"" : Example(key));
        }

        private void UnexpectedKeys(JsonObject obj, string at, string where, string[] allowed, string hint = "")
        {
            if (_future) return;
            foreach (var (key, _) in obj.Where(p => !allowed.Contains(p.Key, StringComparer.Ordinal)))
                Report(Messages.NB1022_UnexpectedKey, Join(at, key), where, key, _minor, hint);
        }

        private static string Join(string at, string key) => at.Length == 0 ? key : $"{at}.{key}";

        private static string Example(string key) => key switch
        {
            "metadata" or "data" => "{}",
            "nbformat" => "4",
            "nbformat_minor" => "5",
            "cells" or "outputs" or "traceback" => "[]",
            "execution_count" => "null",
            "name" => "\"stdout\"",
            _ => "\"\"",
        };

        private void Report(MessageDescriptor descriptor, string jsonPath, params object?[] args)
        {
            var line = LineFor(jsonPath);
            _found.Add(descriptor.Create(path, line, 0, args));
        }

        /// <summary>The line of the path, else of its nearest parent that the line index knows.</summary>
        private int LineFor(string jsonPath)
        {
            var p = jsonPath;
            while (true)
            {
                var line = document.LineOf(p);
                if (line > 0 || p.Length == 0) return line;
                var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
                p = cut <= 0 ? "" : p[..cut];
            }
        }
    }
}
