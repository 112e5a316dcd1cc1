using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Notebook.Execution.Kernels;

/// <summary>The contents of a kernel connection file (jupyter_client <c>connect.py</c>).</summary>
public sealed record ConnectionInfo(
    string Ip,
    int ShellPort,
    int IopubPort,
    int StdinPort,
    int ControlPort,
    int HbPort,
    string Key,
    string KernelName)
{
    public string Transport => "tcp";

    public string SignatureScheme => "hmac-sha256";

    /// <summary>Five free loopback ports (all held open together so they differ) and a random key.</summary>
    public static ConnectionInfo CreateForLoopback(string kernelName)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return new ConnectionInfo("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], Guid.NewGuid().ToString(), kernelName);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>
    /// Reads a connection file's JSON as a Jupyter client writes it (tcp, hmac-sha256); the message says what is
    /// wrong when it is not one (the caller wraps it in its own coded error).
    /// </summary>
    public static bool TryParse(string json, out ConnectionInfo? connection, out string problem)
    {
        connection = null;
        JsonObject? o;
        try
        {
            o = JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException e)
        {
            problem = "it is not JSON (" + e.Message + ")";
            return false;
        }

        if (o is null)
        {
            problem = "it is not a JSON object";
            return false;
        }

        var missing = new[] { "ip", "key", "shell_port", "iopub_port", "stdin_port", "control_port", "hb_port" }.Where(k => o[k] is null).ToArray();
        if (missing.Length > 0)
        {
            problem = "it has no " + string.Join(", ", missing);
            return false;
        }

        if (Text(o, "transport") is { } transport && transport != "tcp")
        {
            problem = $"its transport is '{transport}'; only tcp reaches a kernel in a container";
            return false;
        }

        if (Text(o, "signature_scheme") is { } scheme && scheme != "hmac-sha256")
        {
            problem = $"its signature scheme is '{scheme}'; hmac-sha256 is supported";
            return false;
        }

        try
        {
            connection = new ConnectionInfo(
                Text(o, "ip") ?? "", Port(o, "shell_port"), Port(o, "iopub_port"), Port(o, "stdin_port"), Port(o, "control_port"), Port(o, "hb_port"),
                Text(o, "key") ?? "", Text(o, "kernel_name") ?? "");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            problem = "a port or the key is not what it must be (" + e.Message + ")";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>The same ports and key, listening on another address (0.0.0.0 inside a container whose ports are published).</summary>
    public ConnectionInfo WithIp(string ip) => this with { Ip = ip };

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Port(JsonObject o, string name)
    {
        var port = o[name]!.GetValue<int>();
        return port is > 0 and < 65536 ? port : throw new ArgumentException($"{name} is {port}");
    }

    public JsonObject ToJson() => new()
    {
        ["shell_port"] = ShellPort,
        ["iopub_port"] = IopubPort,
        ["stdin_port"] = StdinPort,
        ["control_port"] = ControlPort,
        ["hb_port"] = HbPort,
        ["ip"] = Ip,
        ["key"] = Key,
        ["transport"] = Transport,
        ["signature_scheme"] = SignatureScheme,
        ["kernel_name"] = KernelName,
    };

    /// <summary>Writes the file readable by this user only (0600), as jupyter_client does: it holds the key.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(ToJson().ToJsonString()), cancellationToken);
    }
}
