using System.Text.Json.Nodes;
using Notebook.Execution.Messaging;

namespace Notebook.Execution;

/// <summary>
/// Turns iopub messages into nbformat outputs the way nbclient's <c>process_message</c> does, with nbformat's
/// <c>output_from_msg</c> shapes. Display ids are tracked across the whole notebook so that
/// <c>update_display_data</c> reaches earlier cells.
/// </summary>
internal sealed class OutputCollector(JsonArray cells, ExecutionOptions options)
{
    // display_id -> cell index -> indices of outputs in that cell (nbclient's _display_id_map).
    private readonly Dictionary<string, Dictionary<int, List<int>>> _displays = new(StringComparer.Ordinal);
    private readonly bool _recordTiming = options.RecordTiming;
    private bool _clearBeforeNextOutput;

    // The stream output that consecutive writes of the same stream still merge into, with its growing text.
    private JsonObject? _openStream;
    private StreamText? _openText;

    /// <summary>Starts a cell: empty outputs, no display ids of its old outputs, fresh timing record.</summary>
    public void BeginCell(int cellIndex, JsonObject cell)
    {
        CloseStream();
        cell["outputs"] = new JsonArray();
        _clearBeforeNextOutput = false;
        ForgetDisplays(cellIndex);
        if (_recordTiming)
        {
            Metadata(cell)["execution"] = new JsonObject();
        }
    }

    /// <summary>Applies one iopub message of the running cell; true when it is the cell's <c>status: idle</c>.</summary>
    public bool Apply(JupyterMessage message, int cellIndex, JsonObject cell)
    {
        var type = message.MsgType;
        var content = message.Content;
        var displayId = (content["transient"] as JsonObject)?["display_id"]?.ToString();
        if (displayId is not null && type is "execute_result" or "display_data" or "update_display_data")
        {
            UpdateDisplays(displayId, content);
        }

        if (content["execution_count"] is JsonValue count && count.TryGetValue<int>(out var executionCount))
        {
            cell["execution_count"] = executionCount;
        }

        switch (type)
        {
            case "status":
                var state = content["execution_state"]?.ToString();
                if (state is "busy" or "idle")
                {
                    RecordTime(cell, $"iopub.status.{state}", message);
                }

                return state == "idle";
            case "execute_input":
                RecordTime(cell, "iopub.execute_input", message);
                return false;
            case "clear_output":
                if (content["wait"] is JsonValue wait && wait.TryGetValue<bool>(out var w) && w)
                {
                    _clearBeforeNextOutput = true;
                }
                else
                {
                    CloseStream();
                    Outputs(cell).Clear();
                    ForgetDisplays(cellIndex);
                }

                return false;
            case "stream":
                options.Output?.Invoke(new CellOutput(cellIndex, type, content));
                AppendStream(content["name"]?.ToString(), Text(content["text"]), cellIndex, cell);
                return false;
            case "display_data" or "execute_result" or "error":
                options.Output?.Invoke(new CellOutput(cellIndex, type, content));
                Append(ToOutput(type, content), displayId, cellIndex, cell);
                return false;
            default:
                // update_display_data (handled above), comm_* (no widget manager here) and unknown types add nothing.
                return false;
        }
    }

    /// <summary>
    /// Writes the text of the stream output still being merged into the notebook, so that the notebook can be
    /// saved; the output stays open for more writes of its stream.
    /// </summary>
    public void Flush()
    {
        if (_openStream is not null && _openText is not null)
        {
            _openStream["text"] = _openText.ToString();
        }
    }

    /// <summary>Flushes and ends the merging of the current stream output (end of the cell, another output, a clear).</summary>
    public void CloseStream()
    {
        Flush();
        _openStream = null;
        _openText = null;
    }

    public void RecordTime(JsonObject cell, string key, JupyterMessage message)
    {
        if (_recordTiming && message.Date is { } date && Metadata(cell)["execution"] is JsonObject execution)
        {
            execution[key] = date;
        }
    }

    /// <summary>nbformat v4 <c>output_from_msg</c>.</summary>
    private static JsonObject ToOutput(string type, JsonObject content) => type switch
    {
        "display_data" => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = content["data"]?.DeepClone() ?? new JsonObject(),
            ["metadata"] = content["metadata"]?.DeepClone() ?? new JsonObject(),
        },
        "execute_result" => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["data"] = content["data"]?.DeepClone() ?? new JsonObject(),
            ["metadata"] = content["metadata"]?.DeepClone() ?? new JsonObject(),
            ["execution_count"] = content["execution_count"]?.DeepClone(),
        },
        _ => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = content["ename"]?.DeepClone(),
            ["evalue"] = content["evalue"]?.DeepClone(),
            ["traceback"] = content["traceback"]?.DeepClone() ?? new JsonArray(),
        },
    };

    /// <summary>
    /// A stream write: merged into the stream output still open when it is the cell's last output and of the same
    /// stream (as a notebook front end shows them), else a new stream output. The text grows in a StreamText (linear,
    /// bounded) and is written into the output when the notebook is saved; the message's text is never copied whole.
    /// </summary>
    private void AppendStream(string? name, string text, int cellIndex, JsonObject cell)
    {
        ClearIfWaiting(cellIndex, cell);
        var outputs = Outputs(cell);
        if (_openStream is not null && _openText is not null && outputs.Count > 0 && ReferenceEquals(outputs[^1], _openStream)
            && _openStream["name"]?.ToString() == name)
        {
            _openText.Append(text);
            return;
        }

        CloseStream();
        _openText = new StreamText(text, options.MaxStreamOutput);
        _openStream = new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = "" };
        outputs.Add((JsonNode)_openStream);
    }

    /// <summary>clear_output(wait=True): the clearing happens just before the next output arrives.</summary>
    private void ClearIfWaiting(int cellIndex, JsonObject cell)
    {
        if (!_clearBeforeNextOutput) return;
        CloseStream();
        Outputs(cell).Clear();
        ForgetDisplays(cellIndex);
        _clearBeforeNextOutput = false;
    }

    private void Append(JsonObject output, string? displayId, int cellIndex, JsonObject cell)
    {
        ClearIfWaiting(cellIndex, cell);
        CloseStream();
        var outputs = Outputs(cell);
        if (displayId is not null)
        {
            if (!_displays.TryGetValue(displayId, out var byCell))
            {
                _displays[displayId] = byCell = [];
            }

            if (!byCell.TryGetValue(cellIndex, out var indices))
            {
                byCell[cellIndex] = indices = [];
            }

            indices.Add(outputs.Count);
        }

        outputs.Add((JsonNode)output);
    }

    private void UpdateDisplays(string displayId, JsonObject content)
    {
        if (!_displays.TryGetValue(displayId, out var byCell))
        {
            return;
        }

        foreach (var (cellIndex, indices) in byCell)
        {
            if (cells[cellIndex] is not JsonObject cell)
            {
                continue;
            }

            var outputs = Outputs(cell);
            foreach (var index in indices)
            {
                if (index < outputs.Count && outputs[index] is JsonObject output)
                {
                    output["data"] = content["data"]?.DeepClone() ?? new JsonObject();
                    output["metadata"] = content["metadata"]?.DeepClone() ?? new JsonObject();
                }
            }
        }
    }

    private void ForgetDisplays(int cellIndex)
    {
        foreach (var byCell in _displays.Values)
        {
            byCell.Remove(cellIndex);
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.ToString())),
        null => "",
        _ => node.ToString(),
    };

    private static JsonArray Outputs(JsonObject cell)
    {
        if (cell["outputs"] is not JsonArray outputs)
        {
            cell["outputs"] = outputs = [];
        }

        return outputs;
    }

    private static JsonObject Metadata(JsonObject cell)
    {
        if (cell["metadata"] is not JsonObject metadata)
        {
            cell["metadata"] = metadata = [];
        }

        return metadata;
    }
}
