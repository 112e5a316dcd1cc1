using System.Diagnostics;
using System.Text;

namespace Notebook.Documents.Tests;

/// <summary>Runs the real Debian Python (with python3-nbformat) on a script given on stdin.</summary>
internal static class Python
{
    public const string Executable = "/usr/bin/python3";

    /// <summary>
    /// A Python function that dumps a value as JSON with every string replaced by "s:" + its UTF-16 code units in hex,
    /// so that lone surrogates survive the trip back (System.Text.Json refuses to read them).
    /// </summary>
    public const string CanonicalFunction = """
        import json
        def canonical(v):
            if isinstance(v, str):
                return "s:" + v.encode("utf-16-le", "surrogatepass").hex()
            if isinstance(v, list):
                return [canonical(x) for x in v]
            if isinstance(v, dict):
                return {canonical(k): canonical(x) for k, x in v.items()}
            return v

        """;

    /// <summary>The C# side of <see cref="CanonicalFunction"/>.</summary>
    public static System.Text.Json.Nodes.JsonNode? Canonical(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray([.. a.Select(Canonical)]),
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.Select(p => KeyValuePair.Create(Hex(p.Key), Canonical(p.Value)))),
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => System.Text.Json.Nodes.JsonValue.Create(Hex(v.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    public static string Hex(string s) => "s:" + string.Concat(s.Select(c => $"{(int)c & 0xff:x2}{(int)c >> 8:x2}"));

    public static async Task<string> RunAsync(string script, params string[] args)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install it with 'apt-get install python3 python3-nbformat'.");
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-X");
        info.ArgumentList.Add("utf8");
        info.ArgumentList.Add("-");
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("python3 did not finish within 60 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"python3 exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
