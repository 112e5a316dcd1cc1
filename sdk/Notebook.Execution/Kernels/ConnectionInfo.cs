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
