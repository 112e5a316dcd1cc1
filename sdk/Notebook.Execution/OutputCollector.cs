using System.Text.Json.Nodes;
using Notebook.Execution.Messaging;

namespace Notebook.Execution;

/// <summary>
/// Turns iopub messages into nbformat outputs the way nbclient's <c>process_message</c> does, with nbformat's
/// <c>output_from_msg</c> shapes. Display ids are tracked across the whole notebook so that
/// <c>update_display_data</c> reaches earlier cells.
/// </summary>
internal sealed class OutputCollector(JsonArray cells, bool recordTiming)
{
    // display_id -> cell index -> indices of outputs in that cell (nbclient's _display_id_map).
    private readonly Dictionary<string, Dictionary<int, List<int>>> _displays = new(StringComparer.Ordinal);
    private bool _clearBeforeNextOutput;

    /// <summary>Starts a cell: empty outputs, no display ids of its old outputs, fresh timing record.</summary>
    public void BeginCell(int cellIndex, JsonObject cell)
    {
        cell["outputs"] = new JsonArray();
        _clearBeforeNextOutput = false;
        ForgetDisplays(cellIndex);
        if (recordTiming)
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
                    Outputs(cell).Clear();
                    ForgetDisplays(cellIndex);
                }

                return false;
            case "stream" or "display_data" or "execute_result" or "error":
                Append(ToOutput(type, content), displayId, cellIndex, cell);
                return false;
            default:
                // update_display_data (handled above), comm_* (no widget manager here) and unknown types add nothing.
                return false;
        }
    }

    public void RecordTime(JsonObject cell, string key, JupyterMessage message)
    {
        if (recordTiming && message.Date is { } date && Metadata(cell)["execution"] is JsonObject execution)
        {
            execution[key] = date;
        }
    }

    /// <summary>nbformat v4 <c>output_from_msg</c>.</summary>
    private static JsonObject ToOutput(string type, JsonObject content) => type switch
    {
        "stream" => new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = content["name"]?.DeepClone(),
            ["text"] = content["text"]?.DeepClone(),
        },
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

    private void Append(JsonObject output, string? displayId, int cellIndex, JsonObject cell)
    {
        var outputs = Outputs(cell);
        if (_clearBeforeNextOutput)
        {
            // clear_output(wait=True): the clearing happens just before the next output arrives.
            outputs.Clear();
            ForgetDisplays(cellIndex);
            _clearBeforeNextOutput = false;
        }

        if (output["output_type"]?.ToString() == "stream" && outputs.Count > 0 && outputs[^1] is JsonObject last
            && last["output_type"]?.ToString() == "stream" && last["name"]?.ToString() == output["name"]?.ToString())
        {
            // Consecutive writes to the same stream make one output, as a notebook front end shows them.
            last["text"] = Text(last["text"]) + Text(output["text"]);
            return;
        }

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
