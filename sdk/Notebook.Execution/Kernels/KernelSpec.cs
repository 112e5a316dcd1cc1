using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Execution.Kernels;

/// <summary>A kernelspec (<c>&lt;dir&gt;/kernels/&lt;name&gt;/kernel.json</c>) as jupyter_client reads it.</summary>
public sealed record KernelSpec(
    string Name,
    string ResourceDirectory,
    IReadOnlyList<string> Argv,
    string DisplayName,
    string Language,
    KernelInterruptMode InterruptMode,
    IReadOnlyDictionary<string, string> Env)
{
    /// <summary>True for ipykernel (argv runs <c>ipykernel_launcher</c> or <c>ipykernel</c>): gets IPython-only options.</summary>
    public bool IsIPythonKernel => Argv.Any(a => a is "ipykernel_launcher" or "ipykernel" || a.EndsWith("ipykernel_launcher.py", StringComparison.Ordinal));

    public static KernelSpec Read(string name, string resourceDirectory)
    {
        var file = Path.Combine(resourceDirectory, "kernel.json");
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                ?? throw Messages.NB5102_KernelSpecInvalid.Exception(file, "the file is not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Messages.NB5102_KernelSpecInvalid.Exception(file, e.Message);
        }

        if (json["argv"] is not JsonArray argvJson || argvJson.Count == 0 || argvJson.Any(a => a is not JsonValue))
        {
            throw Messages.NB5102_KernelSpecInvalid.Exception(file, "'argv' must be a non-empty list of strings");
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json["env"] is JsonObject envJson)
        {
            foreach (var (key, value) in envJson)
            {
                env[key] = value?.ToString() ?? "";
            }
        }

        var mode = (string?)json["interrupt_mode"] switch
        {
            null or "signal" => KernelInterruptMode.Signal,
            "message" => KernelInterruptMode.Message,
            var other => throw Messages.NB5102_KernelSpecInvalid.Exception(file, $"'interrupt_mode' is '{other}', expected 'signal' or 'message'"),
        };

        return new KernelSpec(
            name,
            resourceDirectory,
            argvJson.Select(a => a!.ToString()).ToArray(),
            (string?)json["display_name"] ?? name,
            (string?)json["language"] ?? "",
            mode,
            env);
    }
}

/// <summary>How to interrupt a kernel (kernelspec <c>interrupt_mode</c>).</summary>
public enum KernelInterruptMode
{
    /// <summary>SIGINT to the kernel process (the default).</summary>
    Signal,

    /// <summary>An <c>interrupt_request</c> on the control channel.</summary>
    Message,
}
